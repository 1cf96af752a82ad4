#include "rules/credentials.h"

#include <set>
#include <string_view>

#include "core/ascii.h"

namespace iamlint {
namespace {

bool IsAlnum(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool IsUpperOrDigit(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool IsBase64(char c) { return IsAlnum(c) || c == '/' || c == '+'; }

/// The value with the escapes that hide a `/`, `+` or `:` undone: percent-encoding (a secret in
/// a URL's user info) and JSON's `\/`.
std::string Unescape(std::string_view v) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    c = AsciiLower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
  };
  std::string out;
  out.reserve(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '%' && i + 2 < v.size() && hex(v[i + 1]) >= 0 && hex(v[i + 2]) >= 0) {
      out += static_cast<char>(hex(v[i + 1]) * 16 + hex(v[i + 2]));
      i += 2;
    } else if (v[i] == '\\' && i + 1 < v.size() && v[i + 1] == '/') {
      out += '/';
      ++i;
    } else {
      out += v[i];
    }
  }
  return out;
}

/// Whether the text holds an access key ID: AKIA (long-term) or ASIA (temporary) and 16
/// upper-case letters or digits, not glued to other letters or digits. A body of fewer than
/// four distinct characters (`AKIAXXXXXXXXXXXXXXXX`, `AKIA0000000000000000`) is a placeholder.
bool HasAccessKeyId(std::string_view v) {
  constexpr size_t kBody = 16;
  for (size_t i = 0; i + 4 + kBody <= v.size(); ++i) {
    const std::string_view head = v.substr(i, 4);
    if (head != "AKIA" && head != "ASIA") continue;
    if (i > 0 && IsAlnum(v[i - 1])) continue;
    const size_t end = i + 4 + kBody;
    if (end < v.size() && IsAlnum(v[end])) continue;
    bool shaped = true;
    std::set<char> distinct;
    for (size_t j = i + 4; j < end; ++j) {
      shaped = shaped && IsUpperOrDigit(v[j]);
      distinct.insert(v[j]);
    }
    if (shaped && distinct.size() >= 4) return true;
  }
  return false;
}

/// Whether the text holds a secret access key: a run of exactly 40 base64 characters (letters,
/// digits, `/`, `+`) with upper- and lower-case letters and a digit, `/` or `+` (a random
/// 30-byte secret always has them; a 40-digit hex hash or a word does not).
bool HasSecretKey(std::string_view v) {
  constexpr size_t kLength = 40;
  size_t i = 0;
  while (i < v.size()) {
    if (!IsBase64(v[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    bool upper = false;
    bool lower = false;
    bool other = false;
    for (; j < v.size() && IsBase64(v[j]); ++j) {
      upper = upper || (v[j] >= 'A' && v[j] <= 'Z');
      lower = lower || (v[j] >= 'a' && v[j] <= 'z');
      other = other || !((v[j] >= 'A' && v[j] <= 'Z') || (v[j] >= 'a' && v[j] <= 'z'));
    }
    const bool padded = j < v.size() && v[j] == '=';  // a longer base64 blob, not a secret
    if (j - i == kLength && upper && lower && other && !padded) return true;
    i = j;
  }
  return false;
}

/// The name in capitals without separators: `my-aws_SecretAccessKey` -> `MYAWSSECRETACCESSKEY`.
std::string Compact(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (IsAlnum(c)) out += static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  }
  return out;
}

bool Contains(const std::string& s, std::string_view part) {
  return s.find(part) != std::string::npos;
}

/// Values that stand for a credential without being one: references to another variable or a
/// secret store, template placeholders, masks, and values too short to be any AWS credential
/// (the shortest, an access key ID, has 20 characters; `true`, `90`).
bool PlaceholderOrReference(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t' || v.front() == '\n' ||
                        v.front() == '\r' || v.front() == '"' || v.front() == '\'')) {
    v.remove_prefix(1);
  }
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\n' ||
                        v.back() == '\r' || v.back() == '"' || v.back() == '\'')) {
    v.remove_suffix(1);
  }
  if (v.size() < 16) return true;
  if (v.front() == '$' || v.substr(0, 2) == "{{" || (v.front() == '<' && v.back() == '>')) {
    return true;  // ${AWS_SECRET_ACCESS_KEY}, $VAR, $(cmd), {{resolve:...}}, <your key>
  }
  if (v.substr(0, 4) == "arn:") return true;  // the ARN of a secret or parameter
  if ((v.substr(0, 4) == "AKIA" || v.substr(0, 4) == "ASIA") && v.size() == 20 &&
      !HasAccessKeyId(v)) {
    return true;  // AKIAXXXXXXXXXXXXXXXX
  }
  bool masked = true;
  for (char c : v) masked = masked && (c == 'x' || c == 'X' || c == '*' || c == '.' || c == '-');
  if (masked) return true;
  std::string lower;
  for (char c : v) lower += AsciiLower(c);
  for (std::string_view w :
       {"changeme", "change-me", "change_me", "replaceme", "replace-me", "replace_me",
        "placeholder", "your-secret-access-key", "your_secret_access_key", "your-access-key-id",
        "your_access_key_id"}) {
    if (Contains(lower, w)) return true;
  }
  return false;
}

/// `aws_iam_access_key.NAME.ATTR` (after a module path, with an index) -> ATTR, else "".
std::string AccessKeyAttribute(const std::string& ref) {
  constexpr std::string_view kType = "aws_iam_access_key.";
  size_t at = ref.find(kType);
  if (at == std::string::npos || (at > 0 && ref[at - 1] != '.')) return "";
  size_t i = at + kType.size();
  const size_t name = i;
  while (i < ref.size() && (IsAlnum(ref[i]) || ref[i] == '_' || ref[i] == '-')) ++i;
  if (i == name) return "";
  if (i < ref.size() && ref[i] == '[') {
    const size_t close = ref.find(']', i);
    if (close == std::string::npos) return "";
    i = close + 1;
  }
  if (i >= ref.size() || ref[i] != '.') return "";
  return ref.substr(i + 1);
}

}  // namespace

EnvCredential FindCredentialInEnv(const EnvVar& var) {
  using Kind = EnvCredential::Kind;
  const std::string name = Compact(var.name);
  // The name says what it holds, at any position: ..._SECRET_ACCESS_KEY_PROD, awsAccessKeyId.
  Kind named = Kind::kNone;
  if (Contains(name, "SECRETACCESSKEY")) {
    named = Kind::kSecretAccessKey;
  } else if (Contains(name, "SESSIONTOKEN")) {
    named = Kind::kSessionToken;
  } else if (Contains(name, "ACCESSKEYID")) {
    named = Kind::kAccessKeyId;
  }
  if (!var.value_known) {
    const std::string attr = AccessKeyAttribute(var.source_reference);
    const std::string how = "set from " + var.source_reference;
    if (attr == "secret") return {Kind::kSecretAccessKey, how};
    if (attr == "id") return {Kind::kAccessKeyId, how};
    if (attr == "ses_smtp_password_v4") return {Kind::kSmtpPassword, how};
    if (named != Kind::kNone) return {named, ""};  // unknown, but named as one
    return {};
  }
  if (var.value.empty()) return {};
  const std::string value = Unescape(var.value);
  const bool key_id = HasAccessKeyId(value);
  const bool secret = HasSecretKey(value);
  // The whole value is the credential, or it sits among other text (a URL, JSON, KEY:SECRET).
  auto where = [&](size_t length) {
    std::string_view v = var.value;
    while (!v.empty() && (v.back() == '\n' || v.back() == '\r' || v.back() == ' ')) {
      v.remove_suffix(1);
    }
    return v.size() == length ? std::string() : std::string("found inside its value");
  };
  if (key_id && secret) return {Kind::kKeyPair, "found inside its value"};
  if (key_id) return {Kind::kAccessKeyId, where(20)};
  const bool secretish = Contains(name, "SECRET") || Contains(name, "ACCESSKEY");
  if (secret && (secretish || named != Kind::kNone)) {
    return {named == Kind::kSessionToken ? Kind::kSessionToken : Kind::kSecretAccessKey, where(40)};
  }
  if (named != Kind::kNone && !PlaceholderOrReference(var.value)) return {named, ""};
  return {};
}

const char* EnvCredentialName(EnvCredential::Kind kind) {
  switch (kind) {
    case EnvCredential::Kind::kAccessKeyId:
      return "an AWS access key ID";
    case EnvCredential::Kind::kSecretAccessKey:
      return "an AWS secret access key";
    case EnvCredential::Kind::kKeyPair:
      return "an AWS access key ID and its secret access key";
    case EnvCredential::Kind::kSessionToken:
      return "an AWS session token";
    case EnvCredential::Kind::kSmtpPassword:
      return "the SES SMTP password of an IAM access key";
    case EnvCredential::Kind::kNone:
      break;
  }
  return "nothing";
}

}  // namespace iamlint
