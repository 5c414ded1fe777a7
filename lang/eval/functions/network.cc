// Terraform's IP network functions: cidrhost, cidrnetmask, cidrsubnet, cidrsubnets.
// Addresses behave as Go's net.IP (4 or 16 bytes, IPv4-mapped IPv6 printed as IPv4) with
// Terraform's ipaddr.ParseCIDR (leading zeros allowed) and go-cidr's arithmetic, including
// its quirks (negative numbers, IPv4-mapped prefixes), so results and errors match Terraform.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/eval/functions/registry.h"

namespace cairn::eval::functions {
namespace {

using u128 = unsigned __int128;
using Bytes = std::vector<uint8_t>;  // Go's net.IP / net.IPMask: 0, 4 or 16 bytes

const Bytes kV4InV6Prefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

bool HasV4Prefix(const Bytes& ip) {
  return ip.size() == 16 && std::equal(kV4InV6Prefix.begin(), kV4InV6Prefix.end(), ip.begin());
}

/// net.IP.To4 (empty when not IPv4).
Bytes To4(const Bytes& ip) {
  if (ip.size() == 4) return ip;
  if (HasV4Prefix(ip)) return Bytes(ip.begin() + 12, ip.end());
  return {};
}

Bytes CheckIPv4(const Bytes& ip) {
  Bytes v4 = To4(ip);
  return v4.empty() ? ip : v4;
}

/// net.IP.Mask.
Bytes MaskIP(Bytes ip, Bytes mask) {
  if (mask.size() == 16 && ip.size() == 4 &&
      std::all_of(mask.begin(), mask.begin() + 12, [](uint8_t b) { return b == 0xff; })) {
    mask.erase(mask.begin(), mask.begin() + 12);
  }
  if (mask.size() == 4 && HasV4Prefix(ip)) ip.erase(ip.begin(), ip.begin() + 12);
  if (ip.size() != mask.size()) return {};
  for (size_t i = 0; i < ip.size(); ++i) ip[i] &= mask[i];
  return ip;
}

/// net.CIDRMask (empty when invalid).
Bytes CIDRMask(int64_t ones, int64_t bits) {
  if ((bits != 32 && bits != 128) || ones < 0 || ones > bits) return {};
  Bytes m(static_cast<size_t>(bits / 8), 0);
  for (int64_t i = 0; i < ones; ++i) m[static_cast<size_t>(i / 8)] |= 0x80 >> (i % 8);
  return m;
}

/// net.IPMask.Size's ones (simpleMaskLength; -1 when not canonical).
int SimpleMaskLength(const Bytes& m) {
  int n = 0;
  for (size_t i = 0; i < m.size(); ++i) {
    uint8_t v = m[i];
    if (v == 0xff) {
      n += 8;
      continue;
    }
    while (v & 0x80) {
      ++n;
      v = static_cast<uint8_t>(v << 1);
    }
    if (v != 0) return -1;
    for (++i; i < m.size(); ++i) {
      if (m[i] != 0) return -1;
    }
    break;
  }
  return n;
}

/// net.IPMask.Size: {ones, bits}, {0, 0} when not canonical.
std::pair<int, int> MaskSize(const Bytes& m) {
  int ones = SimpleMaskLength(m);
  if (ones == -1) return {0, 0};
  return {ones, static_cast<int>(m.size() * 8)};
}

bool IPEqual(const Bytes& a, const Bytes& b) {
  if (a.size() == b.size()) return a == b;
  if (a.size() == 4 && b.size() == 16) return HasV4Prefix(b) && Bytes(b.begin() + 12, b.end()) == a;
  if (a.size() == 16 && b.size() == 4) return HasV4Prefix(a) && Bytes(a.begin() + 12, a.end()) == b;
  return false;
}

bool IsZeroAddress(const Bytes& ip) {
  static const Bytes v4zero = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0};
  static const Bytes v6zero(16, 0);
  return IPEqual(ip, v4zero) || IPEqual(ip, v6zero);
}

std::string IPString(const Bytes& ip) {
  if (ip.empty()) return "<nil>";
  static constexpr char kHex[] = "0123456789abcdef";
  if (ip.size() != 4 && ip.size() != 16) {
    std::string out = "?";
    for (uint8_t b : ip) {
      out += kHex[b >> 4];
      out += kHex[b & 15];
    }
    return out;
  }
  Bytes v4 = To4(ip);
  if (!v4.empty()) {
    return std::to_string(v4[0]) + "." + std::to_string(v4[1]) + "." + std::to_string(v4[2]) +
           "." + std::to_string(v4[3]);
  }
  // The first longest run of at least two zero groups becomes "::".
  int e0 = -1, e1 = -1;
  for (int i = 0; i < 16; i += 2) {
    int j = i;
    while (j < 16 && ip[j] == 0 && ip[j + 1] == 0) j += 2;
    if (j > i && j - i > e1 - e0) {
      e0 = i;
      e1 = j;
      i = j;
    }
  }
  if (e1 - e0 <= 2) e0 = e1 = -1;
  std::string out;
  for (int i = 0; i < 16; i += 2) {
    if (i == e0) {
      out += "::";
      i = e1;
      if (i >= 16) break;
    } else if (i > 0) {
      out += ':';
    }
    unsigned v = (ip[i] << 8) | ip[i + 1];
    char buf[8];
    std::snprintf(buf, sizeof buf, "%x", v);
    out += buf;
  }
  return out;
}

struct IPNet {
  Bytes ip;
  Bytes mask;
};

/// net.IPNet.String.
std::string NetString(const IPNet& n) {
  Bytes ip = To4(n.ip);
  if (ip.empty()) {
    ip = n.ip;
    if (ip.size() != 16) return "<nil>";
  }
  Bytes m = n.mask;
  if (m.size() == 4) {
    if (ip.size() != 4) return "<nil>";
  } else if (m.size() == 16) {
    if (ip.size() == 4) m.erase(m.begin(), m.begin() + 12);
  } else {
    return "<nil>";
  }
  int l = SimpleMaskLength(m);
  if (l == -1) return IPString(ip) + "/" + IPString(m);
  return IPString(ip) + "/" + std::to_string(l);
}

/// net.IPNet.Contains.
bool NetContains(const IPNet& n, Bytes ip) {
  Bytes nn = To4(n.ip);
  Bytes m = n.mask;
  if (nn.empty()) {
    nn = n.ip;
    if (nn.size() != 16) return false;
  }
  if (m.size() == 4) {
    if (nn.size() != 4) return false;
  } else if (m.size() == 16) {
    if (nn.size() == 4) m.erase(m.begin(), m.begin() + 12);
  } else {
    return false;
  }
  Bytes x = To4(ip);
  if (!x.empty()) ip = x;
  if (ip.size() != nn.size()) return false;
  for (size_t i = 0; i < ip.size(); ++i) {
    if ((nn[i] & m[i]) != (ip[i] & m[i])) return false;
  }
  return true;
}

constexpr int kBig = 0xFFFFFF;

/// Go's dtoi: decimal prefix of `s`; false when empty or too large.
bool Dtoi(std::string_view s, int& n, size_t& used) {
  n = 0;
  size_t i = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    n = n * 10 + (s[i] - '0');
    if (n >= kBig) return false;
  }
  used = i;
  return i > 0;
}

bool Xtoi(std::string_view s, int& n, size_t& used) {
  n = 0;
  size_t i = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    int d;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      d = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      d = c - 'A' + 10;
    } else {
      break;
    }
    n = n * 16 + d;
    if (n >= kBig) return false;
  }
  used = i;
  return i > 0;
}

/// Terraform's ipaddr parseIPv4 (Go's before 1.17: leading zeros are decimal). 16 bytes.
Bytes ParseIPv4(std::string_view s) {
  uint8_t p[4];
  for (int i = 0; i < 4; ++i) {
    if (s.empty()) return {};
    if (i > 0) {
      if (s[0] != '.') return {};
      s.remove_prefix(1);
    }
    int n;
    size_t c;
    if (!Dtoi(s, n, c) || n > 0xff) return {};
    s.remove_prefix(c);
    p[i] = static_cast<uint8_t>(n);
  }
  if (!s.empty()) return {};
  Bytes ip = kV4InV6Prefix;
  ip.insert(ip.end(), p, p + 4);
  return ip;
}

Bytes ParseIPv6(std::string_view s) {
  Bytes ip(16, 0);
  int ellipsis = -1;
  if (s.size() >= 2 && s[0] == ':' && s[1] == ':') {
    ellipsis = 0;
    s.remove_prefix(2);
    if (s.empty()) return ip;
  }
  int i = 0;
  while (i < 16) {
    int n;
    size_t c;
    if (!Xtoi(s, n, c) || n > 0xFFFF) return {};
    if (c < s.size() && s[c] == '.') {
      if (ellipsis < 0 && i != 12) return {};
      if (i + 4 > 16) return {};
      Bytes ip4 = ParseIPv4(s);
      if (ip4.empty()) return {};
      for (int k = 0; k < 4; ++k) ip[i + k] = ip4[12 + k];
      s = {};
      i += 4;
      break;
    }
    ip[i] = static_cast<uint8_t>(n >> 8);
    ip[i + 1] = static_cast<uint8_t>(n);
    i += 2;
    s.remove_prefix(c);
    if (s.empty()) break;
    if (s[0] != ':' || s.size() == 1) return {};
    s.remove_prefix(1);
    if (s[0] == ':') {
      if (ellipsis >= 0) return {};
      ellipsis = i;
      s.remove_prefix(1);
      if (s.empty()) break;
    }
  }
  if (!s.empty()) return {};
  if (i < 16) {
    if (ellipsis < 0) return {};
    int n = 16 - i;
    for (int j = i - 1; j >= ellipsis; --j) ip[j + n] = ip[j];
    for (int j = ellipsis + n - 1; j >= ellipsis; --j) ip[j] = 0;
  } else if (ellipsis >= 0) {
    return {};
  }
  return ip;
}

/// ipaddr.ParseCIDR's network; nullopt for Terraform's "invalid CIDR address".
std::optional<IPNet> ParseCIDR(std::string_view s) {
  size_t slash = s.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view addr = s.substr(0, slash), mask = s.substr(slash + 1);
  int iplen = 4;
  Bytes ip = ParseIPv4(addr);
  if (ip.empty()) {
    iplen = 16;
    ip = ParseIPv6(addr);
  }
  int n;
  size_t used;
  bool ok = Dtoi(mask, n, used);
  if (ip.empty() || !ok || used != mask.size() || n < 0 || n > 8 * iplen) return std::nullopt;
  Bytes m = CIDRMask(n, 8 * iplen);
  return IPNet{MaskIP(ip, m), m};
}

u128 ToInt(const Bytes& ip) {
  u128 v = 0;
  for (uint8_t b : ip) v = (v << 8) | b;
  return v;
}

Bytes FromInt(u128 v, size_t len) {
  Bytes out(len);
  for (size_t i = len; i-- > 0;) {
    out[i] = static_cast<uint8_t>(v);
    v >>= 8;
  }
  return out;
}

/// An integer argument as gocty gives it to go-cidr (a *big.Int): its text for messages, its
/// sign, its magnitude when below 2^128 and the low 64 bits of the magnitude (big.Int.Uint64).
struct BigInt {
  std::string text;
  bool negative = false;
  bool fits = true;  ///< magnitude < 2^128
  u128 magnitude = 0;
  uint64_t low64 = 0;
};

std::optional<BigInt> ToBigInt(const Value& v) {
  Number n = v.AsNumber();
  if (n.IsInf() || !n.IsInteger()) return std::nullopt;
  BigInt b;
  b.text = n.ToString();
  std::string_view digits = b.text;
  if (!digits.empty() && digits[0] == '-') {
    b.negative = true;
    digits.remove_prefix(1);
  }
  constexpr u128 kMax = ~u128{0};
  for (char c : digits) {
    unsigned d = static_cast<unsigned>(c - '0');
    b.low64 = b.low64 * 10 + d;
    if (b.fits && (b.magnitude > (kMax - d) / 10)) b.fits = false;
    if (b.fits) b.magnitude = b.magnitude * 10 + d;
  }
  if (b.magnitude == 0 && b.fits) b.negative = false;
  return b;
}

std::string U128Text(u128 v) {
  if (v == 0) return "0";
  std::string out;
  while (v != 0) {
    out.insert(out.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  }
  return out;
}

/// go-cidr's insertNumIntoIP with big.Int semantics: ip OR (num << (bits(ip) - prefix_len)),
/// num in two's complement when negative, then the magnitude's bytes packed at the end of an
/// address of ip's length. nullopt where go-cidr panics (the magnitude does not fit).
std::optional<Bytes> InsertNum(const Bytes& ip, bool negative, u128 magnitude, bool fits,
                               int64_t prefix_len) {
  const int64_t total = static_cast<int64_t>(ip.size() * 8);
  const int64_t shift = total - prefix_len;
  if (magnitude == 0 && fits) return ip;
  if (!fits || shift < 0 || shift >= 128) return std::nullopt;
  // 256-bit two's complement arithmetic as {hi, lo}.
  u128 lo = shift == 0 ? magnitude : magnitude << shift;
  u128 hi = shift == 0 ? 0 : magnitude >> (128 - shift);
  if (negative) {
    lo = ~lo;
    hi = ~hi;
    if (++lo == 0) ++hi;
  }
  lo |= ToInt(ip);
  const bool result_negative = (hi >> 127) != 0;
  if (result_negative) {
    lo = ~lo;
    hi = ~hi;
    if (++lo == 0) ++hi;
  }
  if (hi != 0 || (total < 128 && (lo >> total) != 0)) return std::nullopt;
  return FromInt(lo, ip.size());
}

constexpr char kWholeNumber[] = "value must be a whole number";
constexpr char kWholeInt[] =
    "value must be a whole number, between -9223372036854775808 and 9223372036854775807";
constexpr char kTooLarge[] = "the number is too large for the address";

std::string InvalidCIDR(const std::string& s) {
  return "invalid CIDR expression: invalid CIDR address: " + s;
}

BodyResult CidrHost(const std::vector<Value>& args) {
  std::optional<BigInt> num = ToBigInt(args[1]);
  if (!num) return CallError(kWholeNumber);
  std::optional<IPNet> net = ParseCIDR(args[0].AsString());
  if (!net) return CallError(InvalidCIDR(args[0].AsString()));
  auto [parent_len, addr_len] = MaskSize(net->mask);
  const int host_len = addr_len - parent_len;
  const u128 max_host = host_len >= 128 ? ~u128{0} : (u128{1} << host_len) - 1;
  if (num->negative) {
    // go-cidr counts from the end: -1 is the last host; num becomes max - (|num| - 1).
    if (!num->fits || num->magnitude - 1 > max_host) {
      std::string shown = num->text;
      if (num->fits) {
        shown = "-" + U128Text(num->magnitude - 1 - max_host);
      } else if (std::optional<Number> n = Number::Parse(num->text)) {
        Number big_max = *Number::Parse(U128Text(max_host));
        shown = n->Add(Number::FromInt64(1))->Add(big_max)->ToString();
      }
      return CallError("prefix of " + std::to_string(parent_len) +
                       " does not accommodate a host numbered " + shown);
    }
    num->magnitude = max_host - (num->magnitude - 1);
    num->negative = false;
  } else if (static_cast<int64_t>(num->low64) >= 0 && u128{num->low64} > max_host) {
    // go-cidr compares int64(num.Uint64()) with the largest host number.
    return CallError("prefix of " + std::to_string(parent_len) +
                     " does not accommodate a host numbered " + num->text);
  }
  const int bitlength = To4(net->ip).empty() ? 128 : 32;
  std::optional<Bytes> ip = InsertNum(net->ip, false, num->magnitude, num->fits, bitlength);
  if (!ip) return CallError(kTooLarge);
  return {Value::String(IPString(*ip)), std::nullopt};
}

BodyResult CidrNetmask(const std::vector<Value>& args) {
  const std::string& text = args[0].AsString();
  std::optional<IPNet> net = ParseCIDR(text);
  if (!net) return CallError(InvalidCIDR(text));
  if (To4(net->ip).empty()) return CallError("IPv6 addresses cannot have a netmask: " + text);
  return {Value::String(IPString(net->mask)), std::nullopt};
}

BodyResult CidrSubnet(const std::vector<Value>& args) {
  std::optional<int64_t> newbits = args[1].AsNumber().ToInt64();
  if (!newbits || !args[1].AsNumber().IsInteger()) return CallError(kWholeInt);
  std::optional<BigInt> num = ToBigInt(args[2]);
  if (!num) return CallError(kWholeNumber);
  std::optional<IPNet> net = ParseCIDR(args[0].AsString());
  if (!net) return CallError(InvalidCIDR(args[0].AsString()));
  auto [parent_len, addr_len] = MaskSize(net->mask);
  const int64_t new_len = parent_len + *newbits;
  if (new_len > addr_len) {
    return CallError("insufficient address space to extend prefix of " +
                     std::to_string(parent_len) + " by " + std::to_string(*newbits));
  }
  // uint64(1<<uint64(newBits)) - 1, with Go's shifts: 2^64-1 from 64 bits (or a negative count).
  const uint64_t max_num = (*newbits < 0 || *newbits >= 64)
                               ? ~uint64_t{0}
                               : (uint64_t{1} << *newbits) - 1;
  if (num->low64 > max_num) {
    return CallError("prefix extension of " + std::to_string(*newbits) +
                     " does not accommodate a subnet numbered " + num->text);
  }
  std::optional<Bytes> ip = InsertNum(net->ip, num->negative, num->magnitude, num->fits, new_len);
  if (!ip) return CallError(kTooLarge);
  return {Value::String(NetString(IPNet{*ip, CIDRMask(new_len, addr_len)})), std::nullopt};
}

/// go-cidr's AddressRange's last address; nullopt where it panics.
std::optional<Bytes> LastAddress(const IPNet& n) {
  auto [prefix_len, bits] = MaskSize(n.mask);
  if (prefix_len == bits) return n.ip;
  if (n.ip.size() != 4 && n.ip.size() != 16) return std::nullopt;
  const int total = static_cast<int>(n.ip.size() * 8);
  const int host_len = total - prefix_len;
  if (host_len < 0 || host_len > total) return std::nullopt;
  u128 host = host_len >= 128 ? ~u128{0} : (u128{1} << host_len) - 1;
  return FromInt(ToInt(n.ip) | host, n.ip.size());
}

Bytes Step(Bytes ip, bool up) {
  ip = CheckIPv4(ip);
  for (size_t j = ip.size(); j-- > 0;) {
    if (up) {
      if (++ip[j] > 0) break;
    } else {
      if (--ip[j] < 255) break;
    }
  }
  return ip;
}

IPNet PreviousSubnet(const IPNet& network, int64_t prefix_len) {
  Bytes start = CheckIPv4(network.ip);
  Bytes mask = CIDRMask(prefix_len, static_cast<int64_t>(8 * start.size()));
  return IPNet{MaskIP(Step(start, false), mask), mask};
}

/// go-cidr's NextSubnet: {next, rolled over}; nullopt where go-cidr panics.
std::optional<std::pair<IPNet, bool>> NextSubnet(const IPNet& network, int64_t prefix_len) {
  std::optional<Bytes> current_last = LastAddress(network);
  if (!current_last) return std::nullopt;
  Bytes mask = CIDRMask(prefix_len, static_cast<int64_t>(8 * current_last->size()));
  IPNet current{MaskIP(*current_last, mask), mask};
  std::optional<Bytes> last = LastAddress(current);
  if (!last) return std::nullopt;
  Bytes next = Step(*last, true);
  return std::make_pair(IPNet{MaskIP(next, mask), mask}, IsZeroAddress(next));
}

BodyResult CidrSubnets(const std::vector<Value>& args) {
  std::optional<IPNet> net = ParseCIDR(args[0].AsString());
  if (!net) {
    return ArgError(0, "invalid CIDR expression: invalid CIDR address: " + args[0].AsString());
  }
  const int start_len = MaskSize(net->mask).first;
  if (args.size() == 1) return {Value::List(Type::String(), {}), std::nullopt};
  auto length_of = [](const Value& v) -> std::optional<int64_t> {
    if (!v.AsNumber().IsInteger()) return std::nullopt;
    return v.AsNumber().ToInt64();
  };
  std::optional<int64_t> first = length_of(args[1]);
  if (!first) return ArgError(1, kWholeInt);
  IPNet current = PreviousSubnet(*net, *first + start_len);
  std::vector<Value> out;
  out.reserve(args.size() - 1);
  for (size_t i = 1; i < args.size(); ++i) {
    std::optional<int64_t> length = length_of(args[i]);
    if (!length) return ArgError(i, kWholeInt);
    if (*length < 1) return ArgError(i, "must extend prefix by at least one bit");
    if (*length > 32) return ArgError(i, "may not extend prefix by more than 32 bits");
    *length += start_len;
    const int64_t address_bits = static_cast<int64_t>(net->ip.size() * 8);
    if (*length > address_bits) {
      std::string protocol = address_bits == 32 ? "IPv4" : address_bits == 128 ? "IPv6" : "IP";
      return ArgError(i, "would extend prefix to " + std::to_string(*length) +
                             " bits, which is too long for an " + protocol + " address");
    }
    std::optional<std::pair<IPNet, bool>> next = NextSubnet(current, *length);
    if (!next) return CallError(kTooLarge);
    if (next->second || !NetContains(*net, next->first.ip)) {
      return ArgError(i, "not enough remaining address space for a subnet with a prefix of " +
                             std::to_string(*length) + " bits after " + NetString(current));
    }
    current = next->first;
    out.push_back(Value::String(NetString(current)));
  }
  return {Value::List(Type::String(), std::move(out)), std::nullopt};
}

Param Str(std::string name) { return Param{std::move(name), Type::String()}; }
Param Num(std::string name) { return Param{std::move(name), Type::Number()}; }

}  // namespace

void RegisterNetworkFunctions(BuiltinFunctions& r) {
  r.Add({"cidrhost", {Str("prefix"), Num("hostnum")}, std::nullopt, Type::String(), nullptr,
         CidrHost});
  r.Add({"cidrnetmask", {Str("prefix")}, std::nullopt, Type::String(), nullptr, CidrNetmask});
  r.Add({"cidrsubnet", {Str("prefix"), Num("newbits"), Num("netnum")}, std::nullopt,
         Type::String(), nullptr, CidrSubnet});
  r.Add({"cidrsubnets", {Str("prefix")}, Num("newbits"), Type::List(Type::String()), nullptr,
         CidrSubnets});
}

}  // namespace cairn::eval::functions
