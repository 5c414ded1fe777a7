// Terraform's textencodebase64 and textdecodebase64: character encodings named as in the IANA
// registry (golang.org/x/text's ianaindex: the names and aliases Terraform accepts, matched
// without regard to case), converted with glibc's iconv.

#include <errno.h>
#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/base/go_quote.h"
#include "lang/eval/functions/base64.h"
#include "lang/eval/functions/registry.h"

namespace cairn::eval::functions {
namespace {

/// One encoding: the name Terraform prints, how iconv calls it, and every name (the IANA
/// name and aliases) Terraform accepts for it.
struct TextEncoding {
  const char* name;
  const char* iconv;
  std::vector<const char*> names;
};

/// Generated from what Terraform 1.11 accepts (each name probed with textencodebase64).
const TextEncoding kEncodings[] = {
    {"UTF-8", "UTF-8", {"UTF-8", "csUTF8"}},
    {"UTF-16", "UTF-16", {"UTF-16", "csUTF16"}},
    {"UTF-16BE", "UTF-16BE", {"UTF-16BE", "csUTF16BE"}},
    {"UTF-16LE", "UTF-16LE", {"UTF-16LE", "csUTF16LE"}},
    {"US-ASCII", "ASCII", {"US-ASCII", "ANSI_X3.4-1968", "ANSI_X3.4-1986", "CP367", "csASCII", "IBM367", "iso-ir-6", "ISO646-US", "ISO_646.irv:1991", "us"}},
    {"ISO_8859-1:1987", "ISO-8859-1", {"ISO_8859-1:1987", "ISO-8859-1", "ISO_8859-1", "iso-ir-100", "latin1", "l1", "IBM819", "CP819", "csISOLatin1"}},
    {"ISO_8859-2:1987", "ISO-8859-2", {"ISO_8859-2:1987", "ISO-8859-2", "ISO_8859-2", "iso-ir-101", "latin2", "l2", "csISOLatin2"}},
    {"ISO_8859-3:1988", "ISO-8859-3", {"ISO_8859-3:1988", "ISO-8859-3", "ISO_8859-3", "iso-ir-109", "latin3", "l3", "csISOLatin3"}},
    {"ISO_8859-4:1988", "ISO-8859-4", {"ISO_8859-4:1988", "ISO-8859-4", "ISO_8859-4", "iso-ir-110", "latin4", "l4", "csISOLatin4"}},
    {"ISO_8859-5:1988", "ISO-8859-5", {"ISO_8859-5:1988", "ISO-8859-5", "ISO_8859-5", "iso-ir-144", "cyrillic", "csISOLatinCyrillic"}},
    {"ISO_8859-6:1987", "ISO-8859-6", {"ISO_8859-6:1987", "ISO-8859-6", "ISO_8859-6", "iso-ir-127", "ECMA-114", "ASMO-708", "arabic", "csISOLatinArabic"}},
    {"ISO_8859-6-E", "ISO-8859-6", {"ISO_8859-6-E", "ISO-8859-6-E", "csISO88596E"}},
    {"ISO_8859-6-I", "ISO-8859-6", {"ISO_8859-6-I", "ISO-8859-6-I", "csISO88596I"}},
    {"ISO_8859-7:1987", "ISO-8859-7", {"ISO_8859-7:1987", "ISO-8859-7", "ISO_8859-7", "iso-ir-126", "ELOT_928", "ECMA-118", "greek", "greek8", "csISOLatinGreek"}},
    {"ISO_8859-8:1988", "ISO-8859-8", {"ISO_8859-8:1988", "ISO-8859-8", "ISO_8859-8", "iso-ir-138", "hebrew", "csISOLatinHebrew"}},
    {"ISO_8859-8-E", "ISO-8859-8", {"ISO_8859-8-E", "ISO-8859-8-E", "csISO88598E"}},
    {"ISO_8859-8-I", "ISO-8859-8", {"ISO_8859-8-I", "ISO-8859-8-I", "csISO88598I"}},
    {"ISO_8859-9:1989", "ISO-8859-9", {"ISO_8859-9:1989", "ISO-8859-9", "ISO_8859-9", "iso-ir-148", "latin5", "l5", "csISOLatin5"}},
    {"ISO-8859-10", "ISO-8859-10", {"ISO-8859-10", "iso-ir-157", "l6", "ISO_8859-10:1992", "csISOLatin6", "latin6"}},
    {"ISO-8859-13", "ISO-8859-13", {"ISO-8859-13", "csISO885913"}},
    {"ISO-8859-14", "ISO-8859-14", {"ISO-8859-14", "iso-ir-199", "ISO_8859-14:1998", "ISO_8859-14", "latin8", "iso-celtic", "l8", "csISO885914"}},
    {"ISO-8859-15", "ISO-8859-15", {"ISO-8859-15", "ISO_8859-15", "Latin-9", "csISO885915"}},
    {"ISO-8859-16", "ISO-8859-16", {"ISO-8859-16", "iso-ir-226", "ISO_8859-16:2001", "ISO_8859-16", "latin10", "l10", "csISO885916"}},
    {"KOI8-R", "KOI8-R", {"KOI8-R", "csKOI8R"}},
    {"KOI8-U", "KOI8-U", {"KOI8-U", "csKOI8U"}},
    {"macintosh", "MACINTOSH", {"macintosh", "mac", "csMacintosh"}},
    {"IBM037", "IBM037", {"IBM037", "cp037", "ebcdic-cp-us", "ebcdic-cp-ca", "ebcdic-cp-wt", "ebcdic-cp-nl", "csIBM037"}},
    {"IBM437", "IBM437", {"IBM437", "cp437", "437", "csPC8CodePage437"}},
    {"IBM850", "IBM850", {"IBM850", "cp850", "850", "csPC850Multilingual"}},
    {"IBM852", "IBM852", {"IBM852", "cp852", "852", "csPCp852"}},
    {"IBM855", "IBM855", {"IBM855", "cp855", "855", "csIBM855"}},
    {"IBM00858", "IBM858", {"IBM00858", "CCSID00858", "CP00858", "PC-Multilingual-850+euro", "csIBM00858"}},
    {"IBM860", "IBM860", {"IBM860", "cp860", "860", "csIBM860"}},
    {"IBM862", "IBM862", {"IBM862", "cp862", "862", "csPC862LatinHebrew"}},
    {"IBM863", "IBM863", {"IBM863", "cp863", "863", "csIBM863"}},
    {"IBM865", "IBM865", {"IBM865", "cp865", "865", "csIBM865"}},
    {"IBM866", "IBM866", {"IBM866", "cp866", "866", "csIBM866"}},
    {"IBM1047", "IBM1047", {"IBM1047", "IBM-1047", "csIBM1047"}},
    {"IBM01140", "IBM01140", {"IBM01140", "CCSID01140", "CP01140", "ebcdic-us-37+euro", "csIBM01140"}},
    {"windows-874", "CP874", {"windows-874", "cswindows874"}},
    {"windows-1250", "CP1250", {"windows-1250", "cswindows1250"}},
    {"windows-1251", "CP1251", {"windows-1251", "cswindows1251"}},
    {"windows-1252", "CP1252", {"windows-1252", "cswindows1252"}},
    {"windows-1253", "CP1253", {"windows-1253", "cswindows1253"}},
    {"windows-1254", "CP1254", {"windows-1254", "cswindows1254"}},
    {"windows-1255", "CP1255", {"windows-1255", "cswindows1255"}},
    {"windows-1256", "CP1256", {"windows-1256", "cswindows1256"}},
    {"windows-1257", "CP1257", {"windows-1257", "cswindows1257"}},
    {"windows-1258", "CP1258", {"windows-1258", "cswindows1258"}},
    {"Shift_JIS", "CP932", {"Shift_JIS", "MS_Kanji", "csShiftJIS"}},
    {"Extended_UNIX_Code_Packed_Format_for_Japanese", "EUC-JP", {"Extended_UNIX_Code_Packed_Format_for_Japanese", "csEUCPkdFmtJapanese", "EUC-JP"}},
    {"ISO-2022-JP", "ISO-2022-JP", {"ISO-2022-JP", "csISO2022JP"}},
    {"GBK", "GBK", {"GBK", "CP936", "MS936", "windows-936", "csGBK"}},
    {"GB18030", "GB18030", {"GB18030", "csGB18030"}},
    {"Big5", "BIG5-HKSCS", {"Big5", "csBig5"}},
    {"EUC-KR", "CP949", {"EUC-KR", "csEUCKR"}},
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// ianaindex's lookup: without regard to case or surrounding spaces.
const TextEncoding* FindEncoding(std::string_view name) {
  while (!name.empty() && std::isspace(static_cast<unsigned char>(name.front()))) {
    name.remove_prefix(1);
  }
  while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) {
    name.remove_suffix(1);
  }
  std::string lower = Lower(name);
  for (const TextEncoding& e : kEncodings) {
    for (const char* n : e.names) {
      if (Lower(n) == lower) return &e;
    }
  }
  return nullptr;
}

/// Converts with iconv; nullopt when a character cannot be converted.
std::optional<std::string> Iconv(const char* to, const char* from, std::string_view in) {
  iconv_t cd = iconv_open(to, from);
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out;
  char buf[4096];
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  bool ok = true;
  while (true) {
    char* dst = buf;
    size_t dst_left = sizeof buf;
    size_t rc = src_left > 0 ? iconv(cd, &src, &src_left, &dst, &dst_left)
                             : iconv(cd, nullptr, nullptr, &dst, &dst_left);
    out.append(buf, sizeof buf - dst_left);
    if (rc == static_cast<size_t>(-1)) {
      if (errno == E2BIG) continue;
      ok = false;
      break;
    }
    if (src_left == 0) {
      // Flush any shift state (ISO-2022-JP, HZ) once the input is consumed.
      dst = buf;
      dst_left = sizeof buf;
      if (iconv(cd, nullptr, nullptr, &dst, &dst_left) == static_cast<size_t>(-1)) ok = false;
      out.append(buf, sizeof buf - dst_left);
      break;
    }
  }
  iconv_close(cd);
  if (!ok) return std::nullopt;
  return out;
}

bool IsUtf16WithBom(const TextEncoding& e) { return std::string_view(e.iconv) == "UTF-16"; }

std::string UnsupportedName(std::string_view name) {
  return GoQuote(name) + " is not a supported IANA encoding name or alias in this Terraform version";
}

BodyResult EncodeBody(const std::vector<Value>& a) {
  const std::string& name = a[1].AsString();
  const TextEncoding* e = FindEncoding(name);
  if (e == nullptr) return ArgError(1, UnsupportedName(name));
  std::optional<std::string> bytes;
  if (IsUtf16WithBom(*e)) {
    // x/text's UTF-16 writes a big-endian BOM first (iconv's would follow the host).
    bytes = Iconv("UTF-16BE", "UTF-8", a[0].AsString());
    if (bytes) bytes->insert(0, "\xfe\xff", 2);
  } else {
    bytes = Iconv(e->iconv, "UTF-8", a[0].AsString());
  }
  if (!bytes) {
    return ArgError(0, std::string("the given string contains characters that cannot be "
                                   "represented in ") + e->name);
  }
  return {Value::String(Base64Encode(*bytes)), std::nullopt};
}

BodyResult DecodeBody(const std::vector<Value>& a) {
  const std::string& name = a[1].AsString();
  const TextEncoding* e = FindEncoding(name);
  if (e == nullptr) return ArgError(1, UnsupportedName(name));
  Base64Decoded raw = Base64Decode(a[0].AsString());
  if (!raw.ok()) {
    return ArgError(0, "the given value is has an invalid base64 symbol at offset " +
                           std::to_string(*raw.corrupt_at));
  }
  std::optional<std::string> text;
  if (IsUtf16WithBom(*e)) {
    // x/text's UTF-16 reads a BOM when there is one (and drops it), else big-endian.
    std::string_view bytes = raw.bytes;
    const char* from = "UTF-16BE";
    if (bytes.size() >= 2 && bytes.substr(0, 2) == "\xff\xfe") {
      from = "UTF-16LE";
      bytes.remove_prefix(2);
    } else if (bytes.size() >= 2 && bytes.substr(0, 2) == "\xfe\xff") {
      bytes.remove_prefix(2);
    }
    text = Iconv("UTF-8", from, bytes);
  } else {
    text = Iconv("UTF-8", e->iconv, raw.bytes);
  }
  // x/text replaces what it cannot decode with U+FFFD, which Terraform then rejects.
  if (!text || text->find("\xef\xbf\xbd") != std::string::npos) {
    return ArgError(0, std::string("the given string contains symbols that are not defined "
                                   "for ") + e->name);
  }
  return {Value::String(std::move(*text)), std::nullopt};
}

}  // namespace

void RegisterTextEncodingFunctions(BuiltinFunctions& r) {
  r.Add({"textencodebase64", {Param{"string", Type::String()}, Param{"encoding", Type::String()}},
         std::nullopt, Type::String(), nullptr, EncodeBody});
  r.Add({"textdecodebase64", {Param{"source", Type::String()}, Param{"encoding", Type::String()}},
         std::nullopt, Type::String(), nullptr, DecodeBody});
}

}  // namespace cairn::eval::functions
