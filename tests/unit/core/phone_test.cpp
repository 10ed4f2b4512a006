// Phone numbers as people write them. Expected E.164 forms are by hand from the numbering plans:
// Vietnam +84, trunk prefix 0, international prefix 00, mobiles 09x/03x/07x/08x/05x + 7 digits
// (ITU-T E.164 assignment for VN; MIC circular 22/2014 renumbering of 2018), Ho Chi Minh City
// landlines 028 + 8 digits; China +86, trunk prefix 0, mobiles 1[3-9]x + 8 digits, Beijing 010.
#include "core/phone.h"

#include <gtest/gtest.h>

using namespace servq;

TEST(Phone, OneVietnameseMobileInEveryWrittenForm) {
  for (const char* written : {"+84 (0) 98 123 4567", "+84 098 123 4567", "0084 98 123 4567", "098 123 4567",
                              "0981234567", "098-123-4567", "098.123.4567", "+84981234567",
                              "\xEF\xBC\x90\xEF\xBC\x99\xEF\xBC\x98\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93\xEF\xBC\x94"
                              "\xEF\xBC\x95\xEF\xBC\x96\xEF\xBC\x97"})  // full-width ０９８１２３４５６７ (Chinese IME)
    EXPECT_EQ(phone::to_e164(written, "VN").value_or("refused"), "+84981234567") << written;
}

TEST(Phone, OneChineseMobileInEveryWrittenForm) {
  for (const char* written : {"(+86) 138 0013 8000", "+86 13800138000", "0086 138-0013-8000"})
    EXPECT_EQ(phone::to_e164(written, "VN").value_or("refused"), "+8613800138000") << written;
  // Without a country code it is a Chinese number only where the region is CN.
  EXPECT_EQ(phone::to_e164("13800138000", "CN").value_or("refused"), "+8613800138000");
  phone::Refusal why;
  EXPECT_FALSE(phone::to_e164("13800138000", "VN", &why));
  EXPECT_EQ(why.reason, "phone.invalid");
}

TEST(Phone, LandlinesOfBothCountries) {
  EXPECT_EQ(phone::to_e164("028 3823 4567", "VN").value_or("refused"), "+842838234567");
  EXPECT_EQ(phone::to_e164("010 8888 9999", "CN").value_or("refused"), "+861088889999");
}

TEST(Phone, RefusalsSayWhy) {
  phone::Refusal why;
  EXPECT_FALSE(phone::to_e164("0912abc678", "VN", &why));
  EXPECT_EQ(why.reason, "phone.not_a_number");
  EXPECT_FALSE(phone::to_e164("12345", "VN", &why));
  EXPECT_EQ(why.reason, "phone.invalid");
  EXPECT_FALSE(phone::to_e164("0281234567", "VN", &why));  // 028 needs 8 more digits, not 7
  EXPECT_EQ(why.reason, "phone.invalid");
  EXPECT_FALSE(phone::to_e164("0981234567 ext 12", "VN", &why));
  EXPECT_EQ(why.reason, "phone.extension");
  EXPECT_FALSE(phone::to_e164("", "VN", &why));
  EXPECT_FALSE(phone::to_e164(std::string(200, '9'), "VN", &why));
}

TEST(Phone, ErrorCarriesValueAndRegion) {
  phone::Refusal why{"phone.invalid"};
  Error e = phone::invalid_number("customer.phone_invalid", "phone", "12345", "VN", why);
  EXPECT_EQ(e.code, "customer.phone_invalid");
  EXPECT_EQ(e.field, "phone");
  ASSERT_EQ(e.params.size(), 3u);
  EXPECT_EQ(e.params[0], (std::pair<std::string, std::string>{"value", "12345"}));
  EXPECT_EQ(e.params[1], (std::pair<std::string, std::string>{"region", "VN"}));
  EXPECT_NE(e.message.find("12345"), std::string::npos);
}

TEST(Phone, DisplayedNationallyAtHomeInternationallyAbroad) {
  EXPECT_EQ(phone::display("+84981234567", "VN"), "098 123 45 67");
  EXPECT_EQ(phone::display("+8613800138000", "VN"), "+86 138 0013 8000");
  EXPECT_EQ(phone::display("+8613800138000", "CN"), "138 0013 8000");
  EXPECT_EQ(phone::display("0981234567", "VN"), "0981234567");  // not E.164: shown as stored
}

TEST(Phone, SearchTextHoldsBothDigitForms) {
  EXPECT_EQ(phone::search_text("+84981234567", "VN"), "84981234567 0981234567");
  EXPECT_EQ(phone::search_text("+8613800138000", "VN"), "8613800138000");
  EXPECT_EQ(phone::search_key("+84981234567", "VN"), "0981234567");
  EXPECT_EQ(phone::search_key("+8613800138000", "VN"), "8613800138000");
  EXPECT_EQ(phone::partial_digits("098 123").value_or(""), "098123");
  EXPECT_FALSE(phone::partial_digits("Nguyễn"));
}

TEST(Phone, Regions) {
  EXPECT_TRUE(phone::known_region("VN"));
  EXPECT_TRUE(phone::known_region("CN"));
  EXPECT_FALSE(phone::known_region("vn"));
  EXPECT_FALSE(phone::known_region("XX"));
  EXPECT_FALSE(phone::known_region("VNM"));
}

TEST(Phone, EveryVietnameseMobilePrefixOfTheTestHarnessIsValid) {
  // tests/api/harness.mjs freshPhone() writes 098 + PP + 5 digits for PP = 00..99 (09PP would
  // hit 0992, which no Vietnamese network holds).
  for (int pp = 0; pp < 100; ++pp) {
    char written[16];
    std::snprintf(written, sizeof written, "098%02d12345", pp);
    EXPECT_TRUE(phone::to_e164(written, "VN")) << written;
  }
}
