#include "lint/source_map.h"

#include <re2/re2.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include "core/read_file.h"
#include "load/address.h"

namespace iamlint {
namespace {

/// `.tf` files are read to map findings; a bigger one is not a Terraform source file.
constexpr size_t kMaxTfBytes = size_t{64} << 20;

namespace fs = std::filesystem;

struct Block {
  std::string file;
  size_t line = 0;
  std::string source;  // module blocks: the `source` argument
};

/// Removes comments and string contents' braces from one line, tracking `/* */` across lines.
/// Returns the line with strings blanked (quotes kept) so braces can be counted.
std::string CodeOf(const std::string& line, bool* in_block_comment) {
  std::string out;
  out.reserve(line.size());
  bool in_string = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (*in_block_comment) {
      if (c == '*' && i + 1 < line.size() && line[i + 1] == '/') {
        *in_block_comment = false;
        ++i;
      }
      continue;
    }
    if (in_string) {
      if (c == '\\') {
        ++i;
        out.push_back(' ');
      } else if (c == '"') {
        in_string = false;
        out.push_back('"');
      } else {
        out.push_back(c == '{' || c == '}' ? ' ' : c);
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
      out.push_back(c);
    } else if (c == '#' || (c == '/' && i + 1 < line.size() && line[i + 1] == '/')) {
      break;
    } else if (c == '/' && i + 1 < line.size() && line[i + 1] == '*') {
      *in_block_comment = true;
      ++i;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

struct TfSource::Folder {
  std::map<std::string, Block> blocks;  // "resource.TYPE.NAME", "data.TYPE.NAME", "module.NAME"
};

TfSource::TfSource(std::string root_dir) : root_(std::move(root_dir)) {}
TfSource::~TfSource() = default;

TfSource::Folder* TfSource::Scan(const std::string& dir) {
  std::error_code ec;
  std::string key = fs::weakly_canonical(dir, ec).string();
  if (ec) key = dir;
  auto found = folders_.find(key);
  if (found != folders_.end()) return found->second.get();
  auto folder = std::make_unique<Folder>();
  static const RE2 kResource(R"re(\s*(resource|data)\s+"([^"]+)"\s+"([^"]+)"\s*\{.*)re");
  static const RE2 kModule(R"re(\s*module\s+"([^"]+)"\s*\{.*)re");
  static const RE2 kSource(R"re(\s*source\s*=\s*"([^"]*)".*)re");
  static const RE2 kHeredoc(R"re(.*<<-?\s*([A-Za-z_][A-Za-z0-9_]*)\s*)re");
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".tf" && e.is_regular_file(ec)) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::string text;
    std::string why;
    // Only regular files of a sane size; one that cannot be read maps nothing.
    if (!ReadRegularFile(path.string(), kMaxTfBytes, &text, &why)) continue;
    std::istringstream in(text);
    std::string line;
    size_t lineno = 0;
    int depth = 0;
    bool in_comment = false;
    std::string heredoc;
    std::string module;  // the module block being read, at depth 1
    while (std::getline(in, line)) {
      ++lineno;
      if (!heredoc.empty()) {
        std::string trimmed = line;
        trimmed.erase(0, trimmed.find_first_not_of(" \t"));
        trimmed.erase(trimmed.find_last_not_of(" \t\r") + 1);
        if (trimmed == heredoc) heredoc.clear();
        continue;
      }
      std::string code = CodeOf(line, &in_comment);
      std::string kind;
      std::string type;
      std::string name;
      if (depth == 0) {
        if (RE2::FullMatch(code, kResource, &kind, &type, &name)) {
          folder->blocks[kind + "." + type + "." + name] = {path.string(), lineno, ""};
        } else if (RE2::FullMatch(code, kModule, &name)) {
          folder->blocks["module." + name] = {path.string(), lineno, ""};
          module = name;
        }
      } else if (depth == 1 && !module.empty()) {
        std::string source;
        if (RE2::FullMatch(code, kSource, &source))
          folder->blocks["module." + module].source = source;
      }
      for (char c : code) {
        if (c == '{') ++depth;
        if (c == '}') depth = std::max(0, depth - 1);
      }
      if (depth == 0) module.clear();
      std::string marker;
      if (RE2::FullMatch(code, kHeredoc, &marker)) heredoc = marker;
    }
  }
  Folder* raw = folder.get();
  folders_[key] = std::move(folder);
  return raw;
}

bool TfSource::Locate(const std::string& address, Location* out) {
  std::vector<Segment> segs = SplitAddress(address);
  std::string dir = root_;
  bool found = false;  // `*out` holds the innermost module block found so far
  size_t i = 0;
  // Walk `module.NAME` pairs down through module sources on disk.
  while (i + 1 < segs.size() && segs[i].name == "module") {
    Folder* f = Scan(dir);
    auto it = f->blocks.find("module." + segs[i + 1].name);
    if (it == f->blocks.end()) return found;
    *out = Location{it->second.file, "", it->second.line};
    found = true;
    const std::string& src = it->second.source;
    if (src.rfind("./", 0) != 0 && src.rfind("../", 0) != 0) {
      return true;  // a registry or remote module: its block in the caller is the place
    }
    dir = (fs::path(dir) / src).lexically_normal().string();
    i += 2;
  }
  std::string kind = "resource";
  if (i < segs.size() && segs[i].name == "data") {
    kind = "data";
    ++i;
  }
  if (i + 1 < segs.size()) {
    Folder* f = Scan(dir);
    auto it = f->blocks.find(kind + "." + segs[i].name + "." + segs[i + 1].name);
    if (it != f->blocks.end()) {
      *out = Location{it->second.file, "", it->second.line};
      return true;
    }
  }
  return found;
}

void MapFindingsToSource(const std::map<std::string, std::string>& plan_dirs,
                         std::vector<Finding>* findings) {
  std::map<std::string, std::unique_ptr<TfSource>> sources;
  for (auto& f : *findings) {
    auto dir = plan_dirs.find(f.loc.file);
    if (dir == plan_dirs.end()) continue;
    auto& src = sources[dir->second];
    if (!src) src = std::make_unique<TfSource>(dir->second);
    Location tf;
    if (!src->Locate(f.resource, &tf)) continue;
    f.related.insert(f.related.begin(), Related{"in the plan", f.loc});
    f.loc = tf;
  }
  SortFindings(findings);
}

}  // namespace iamlint
