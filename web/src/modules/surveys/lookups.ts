// Lists the survey pages pick from: questionnaires (active first) and a survey's campaigns.
import { ref } from 'vue';
import { listAllCampaigns, listAllSurveys } from './api';
import type { Campaign, Survey } from './surveys';

/** The questionnaires for a picker; `all` adds archived versions (analysis of old versions). */
export function useSurveyOptions() {
  const surveys = ref<Survey[]>([]);
  const loading = ref(false);
  async function load(all = false) {
    loading.value = true;
    try {
      const list = (await listAllSurveys({ status: all ? undefined : 'active' })).items;
      surveys.value = [...list].sort(
        (a, b) =>
          Number(b.status === 'active') - Number(a.status === 'active') ||
          b.created_at.localeCompare(a.created_at) ||
          b.id - a.id,
      );
    } catch {
      surveys.value = [];
    } finally {
      loading.value = false;
    }
  }
  return { surveys, loading, load };
}

/** Campaigns of a questionnaire (or all), newest first. */
export async function loadCampaigns(survey?: number | null): Promise<Campaign[]> {
  return (await listAllCampaigns({ survey: survey ?? undefined })).items;
}
