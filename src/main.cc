#include "cli/cli.h"

int main(int argc, char** argv) { return iamlint::RunCli(argc, argv); }
