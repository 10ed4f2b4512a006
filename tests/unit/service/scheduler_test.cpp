#include "service/scheduler.h"

#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>

using namespace servq::service;
using namespace std::chrono_literals;

TEST(Scheduler, RunsAJobAtOnceAndStopsWithoutWaitingForTheInterval) {
  std::atomic<int> runs{0};
  Scheduler s;
  s.every("test", 3600, [&](const std::atomic<bool>&) { ++runs; });
  for (int i = 0; i < 200 && runs == 0; ++i) std::this_thread::sleep_for(5ms);
  auto before = std::chrono::steady_clock::now();
  s.stop();
  EXPECT_EQ(runs, 1);
  // An hour's interval does not hold up the stop (generous bound for a loaded machine).
  EXPECT_LT(std::chrono::steady_clock::now() - before, 5s);
}

TEST(Scheduler, AJobThatThrowsRunsAgainAtItsNextInterval) {
  std::atomic<int> runs{0};
  Scheduler s;
  s.every("throwing", 0.01, [&](const std::atomic<bool>&) {
    ++runs;
    throw std::runtime_error("disk full");
  });
  for (int i = 0; i < 500 && runs < 3; ++i) std::this_thread::sleep_for(5ms);
  s.stop();
  EXPECT_GE(runs, 3);
}

TEST(Scheduler, LoopingWorkSeesTheStop) {
  std::atomic<bool> started{false};
  Scheduler s;
  s.every("loop", 3600, [&](const std::atomic<bool>& stopping) {
    started = true;
    while (!stopping) std::this_thread::sleep_for(1ms);
  });
  for (int i = 0; i < 200 && !started; ++i) std::this_thread::sleep_for(5ms);
  s.stop();  // returns only because the loop saw `stopping`
  EXPECT_TRUE(started);
}
