#include "core/arn.h"

namespace iamlint {

std::optional<Arn> ParseArn(std::string_view text) {
  static constexpr std::string_view kPrefix = "arn:";
  if (text.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  std::string_view rest = text.substr(kPrefix.size());
  std::string_view fields[4];
  for (std::string_view& field : fields) {
    const size_t colon = rest.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    field = rest.substr(0, colon);
    rest.remove_prefix(colon + 1);
  }
  return Arn{fields[0], fields[1], fields[2], fields[3], rest};
}

std::string_view ArnAccount(std::string_view text) {
  std::optional<Arn> arn = ParseArn(text);
  return arn ? arn->account : std::string_view();
}

bool IsAccountId(std::string_view text) {
  return text.size() == 12 && text.find_first_not_of("0123456789") == std::string_view::npos;
}

std::string_view PrincipalAccount(std::string_view text) {
  return IsAccountId(text) ? text : ArnAccount(text);
}

}  // namespace iamlint
