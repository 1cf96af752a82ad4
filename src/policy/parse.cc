#include "policy/parse.h"

#include <cctype>
#include <string>

namespace iamlint {
namespace {

/// Reads a string-or-list-of-strings element. Non-string entries are noted as problems.
std::vector<std::string> StringList(const json::Value& v, const char* what,
                                    std::vector<std::string>* problems) {
  std::vector<std::string> out;
  if (v.IsString()) {
    out.push_back(v.str());
  } else if (v.IsArray()) {
    for (const auto& item : v.items()) {
      if (item.IsString()) {
        out.push_back(item.str());
      } else if (item.IsNumber() || item.IsBool()) {
        out.push_back(item.IsBool() ? (item.AsBool() ? "true" : "false") : item.str());
      } else {
        problems->push_back(std::string(what) + " holds " + json::TypeNameWithArticle(item.type()) +
                            ", expected strings");
      }
    }
  } else if (v.IsNumber() || v.IsBool()) {
    out.push_back(v.IsBool() ? (v.AsBool() ? "true" : "false") : v.str());
  } else {
    problems->push_back(std::string(what) + " is " + json::TypeNameWithArticle(v.type()) +
                        ", expected a string or a list of strings");
  }
  return out;
}

Principal ReadPrincipal(const json::Value& v, std::vector<std::string>* problems) {
  Principal p;
  p.present = true;
  if (v.IsString()) {
    if (v.str() == "*") {
      p.any = true;
    } else {
      problems->push_back("Principal is a string other than \"*\"");
      p.ids["AWS"].push_back(v.str());
    }
    return p;
  }
  if (!v.IsObject()) {
    problems->push_back("Principal is " + json::TypeNameWithArticle(v.type()));
    return p;
  }
  for (const auto& m : v.members()) {
    auto ids = StringList(*m.value, "Principal", problems);
    for (const auto& id : ids) {
      if (m.key == "AWS" && id == "*") p.any = true;
    }
    auto& slot = p.ids[m.key];
    slot.insert(slot.end(), ids.begin(), ids.end());
  }
  return p;
}

void ReadStatement(const json::Value& s, Statement* st, std::vector<std::string>* problems) {
  if (!s.IsObject()) {
    problems->push_back("a statement is " + json::TypeNameWithArticle(s.type()) +
                        ", expected an object");
    return;
  }
  if (const auto* sid = s.Find("Sid"); sid && sid->IsString()) st->sid = sid->str();
  if (const auto* eff = s.Find("Effect"); eff && eff->IsString()) {
    if (eff->str() == "Allow") st->effect = Effect::kAllow;
    if (eff->str() == "Deny") st->effect = Effect::kDeny;
  }
  // IAM refuses a statement with both elements of a pair (MalformedPolicyDocument).
  for (const char* pair : {"Action", "Resource", "Principal"}) {
    if (s.Find(pair) != nullptr && s.Find(std::string("Not") + pair) != nullptr) {
      problems->push_back("a statement" + (st->sid.empty() ? "" : " \"" + st->sid + "\"") +
                          " has both " + pair + " and Not" + pair +
                          " (IAM refuses such a policy; the Not" + pair + " was not read)");
    }
  }
  if (const auto* a = s.Find("Action")) {
    st->actions = StringList(*a, "Action", problems);
  } else if (const auto* na = s.Find("NotAction")) {
    st->not_action = true;
    st->actions = StringList(*na, "NotAction", problems);
  }
  if (const auto* r = s.Find("Resource")) {
    st->has_resource = true;
    st->resources = StringList(*r, "Resource", problems);
  } else if (const auto* nr = s.Find("NotResource")) {
    st->has_resource = true;
    st->not_resource = true;
    st->resources = StringList(*nr, "NotResource", problems);
  }
  if (const auto* p = s.Find("Principal")) {
    st->principal = ReadPrincipal(*p, problems);
  } else if (const auto* np = s.Find("NotPrincipal")) {
    st->not_principal = true;
    st->principal = ReadPrincipal(*np, problems);
  }
  if (const auto* c = s.Find("Condition"); c && c->IsObject()) {
    for (const auto& op : c->members()) {
      if (!op.value->IsObject()) {
        problems->push_back("Condition operator " + op.key + " is not an object");
        continue;
      }
      for (const auto& key : op.value->members()) {
        Condition cond;
        cond.op = op.key;
        cond.key = key.key;
        cond.values = StringList(*key.value, "Condition value", problems);
        st->conditions.push_back(std::move(cond));
      }
    }
  }
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

PolicyDocument PolicyFromJson(const json::Value& doc, const Location& loc,
                              const json::LineIndex* lines) {
  PolicyDocument out;
  out.loc = loc;
  if (!doc.IsObject()) {
    out.problems.push_back(
        {"the policy is " + json::TypeNameWithArticle(doc.type()) + ", expected an object", loc});
    return out;
  }
  if (const auto* v = doc.Find("Version"); v && v->IsString()) out.version = v->str();
  const json::Value* stmts = doc.Find("Statement");
  if (stmts == nullptr) {
    out.problems.push_back({"the policy has no Statement", loc});
    return out;
  }
  auto add = [&](const json::Value& s, const std::string& pointer) {
    Statement st;
    st.loc.file = loc.file;
    st.loc.pointer = pointer;
    st.loc.line = lines != nullptr ? lines->LineOf(s.offset()) : loc.line;
    std::vector<std::string> problems;
    ReadStatement(s, &st, &problems);
    for (auto& message : problems) out.problems.push_back({std::move(message), st.loc});
    out.statements.push_back(std::move(st));
  };
  const std::string base = json::PointerAppend(loc.pointer, "Statement");
  if (stmts->IsArray()) {
    for (size_t i = 0; i < stmts->items().size(); ++i) {
      add(stmts->items()[i], json::PointerAppend(base, i));
    }
  } else {
    add(*stmts, base);
  }
  return out;
}

bool ParsePolicyText(std::string_view text, json::Document* out, std::string* error) {
  json::ParseError err;
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '%') {
    // URL-encoded, as the IAM API returns policy documents.
    std::string decoded;
    decoded.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '%' && i + 2 < text.size() + 0 && HexValue(text[i + 1]) >= 0 &&
          HexValue(text[i + 2]) >= 0) {
        decoded.push_back(static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2])));
        i += 2;
      } else if (text[i] == '+') {
        decoded.push_back(' ');
      } else {
        decoded.push_back(text[i]);
      }
    }
    if (json::Parse(decoded, out, &err)) return true;
    *error = "URL-encoded policy is not valid JSON: " + err.message;
    return false;
  }
  if (json::Parse(text, out, &err)) return true;
  *error = "policy text is not valid JSON (line " + std::to_string(err.line) + ", column " +
           std::to_string(err.column) + "): " + err.message;
  return false;
}

}  // namespace iamlint
