// Parse-only baseline for the benchmark: the fastest JSON parser on Debian (simdjson, DOM API)
// loads and parses a file, touching nothing else. Exit 1 on a parse error.
#include <cstdio>

#include <simdjson.h>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: simdjson_parse FILE\n");
    return 2;
  }
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  auto error = parser.load(argv[1]).get(doc);
  if (error) {
    std::fprintf(stderr, "%s\n", simdjson::error_message(error));
    return 1;
  }
  return 0;
}
