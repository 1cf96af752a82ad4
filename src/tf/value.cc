#include "tf/value.h"

#include <tuple>

namespace iamlint::tf {

bool Origin::operator<(const Origin& o) const {
  return std::tie(address, attr) < std::tie(o.address, o.attr);
}

bool Origin::operator==(const Origin& o) const { return address == o.address && attr == o.attr; }

}  // namespace iamlint::tf
