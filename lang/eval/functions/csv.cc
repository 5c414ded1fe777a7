// Terraform's csvdecode: Go's encoding/csv reader (comma-separated, RFC 4180 quotes, no lazy
// quotes, blank lines skipped, \r\n read as \n) and cty's error texts.

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "lang/base/go_quote.h"
#include "lang/eval/functions/registry.h"

namespace cairn::eval::functions {
namespace {

/// encoding/csv's Reader over a string, one record per Read.
class CsvReader {
 public:
  explicit CsvReader(std::string_view text) : text_(text) {}

  enum class Status { kRecord, kEof, kError };
  struct Result {
    Status status;
    std::vector<std::string> fields;
    int line = 0;       ///< ParseError.Line
    std::string error;  ///< ParseError.Err
  };

  /// Go's Reader.readRecord (the field count is checked by the caller).
  Result Read() {
    std::string_view line;
    while (true) {
      if (!ReadLine(&line)) return {Status::kEof, {}, 0, ""};
      if (line.size() == LengthNl(line)) continue;  // blank line
      break;
    }
    Result r{Status::kRecord, {}, line_, ""};
    const int record_line = line_;
    int pos_line = line_;
    while (true) {
      if (line.empty() || line[0] != '"') {
        size_t i = line.find(',');
        std::string_view field = i == std::string_view::npos
                                     ? line.substr(0, line.size() - LengthNl(line))
                                     : line.substr(0, i);
        if (field.find('"') != std::string_view::npos) {
          return {Status::kError, {}, line_, "bare \" in non-quoted-field"};
        }
        r.fields.emplace_back(field);
        if (i == std::string_view::npos) break;
        line.remove_prefix(i + 1);
        continue;
      }
      // Quoted field.
      line.remove_prefix(1);
      std::string field;
      bool next_field = false;
      while (true) {
        size_t i = line.find('"');
        if (i != std::string_view::npos) {
          field.append(line.substr(0, i));
          line.remove_prefix(i + 1);
          if (!line.empty() && line[0] == '"') {
            field += '"';
            line.remove_prefix(1);
          } else if (!line.empty() && line[0] == ',') {
            line.remove_prefix(1);
            next_field = true;
            break;
          } else if (LengthNl(line) == line.size()) {
            break;
          } else {
            return {Status::kError, {}, line_, "extraneous or missing \" in quoted-field"};
          }
        } else if (!line.empty()) {
          // The field goes on on the next line (an end of input is an error next round).
          field.append(line);
          if (ReadLine(&line)) ++pos_line;
        } else {
          return {Status::kError, {}, pos_line, "extraneous or missing \" in quoted-field"};
        }
      }
      r.fields.push_back(std::move(field));
      if (!next_field) break;
    }
    r.line = record_line;
    return r;
  }

 private:
  static size_t LengthNl(std::string_view s) { return !s.empty() && s.back() == '\n' ? 1 : 0; }

  /// Go's readLine: the next line with its "\n" (a final "\r\n" read as "\n"; a last line
  /// without newline loses a final "\r"); false at the end of the input.
  bool ReadLine(std::string_view* out) {
    if (pos_ >= text_.size()) {
      *out = {};
      return false;
    }
    size_t nl = text_.find('\n', pos_);
    size_t end = nl == std::string_view::npos ? text_.size() : nl + 1;
    std::string_view line = text_.substr(pos_, end - pos_);
    pos_ = end;
    ++line_;
    buffer_.assign(line);
    if (nl == std::string_view::npos && !buffer_.empty() && buffer_.back() == '\r') {
      buffer_.pop_back();
    }
    size_t n = buffer_.size();
    if (n >= 2 && buffer_[n - 2] == '\r' && buffer_[n - 1] == '\n') {
      buffer_[n - 2] = '\n';
      buffer_.pop_back();
    }
    *out = buffer_;
    return true;
  }

  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 0;
  std::string buffer_;  ///< the current line (normalized)
};

std::string CsvError(const CsvReader::Result& r) {
  return "CSV parse error on line " + std::to_string(r.line) + ": " + r.error;
}

BodyResult CsvDecodeBody(const std::vector<Value>& a) {
  CsvReader reader(a[0].AsString());
  CsvReader::Result header = reader.Read();
  if (header.status == CsvReader::Status::kEof) return CallError("missing header line");
  if (header.status == CsvReader::Status::kError) return CallError(CsvError(header));
  std::set<std::string, std::less<>> names;
  std::vector<std::pair<std::string, Type>> attribute_types;
  for (const std::string& name : header.fields) {
    if (!names.insert(name).second) return CallError("duplicate column name " + GoQuote(name));
    attribute_types.emplace_back(name, Type::String());
  }
  std::vector<Value> rows;
  while (true) {
    CsvReader::Result row = reader.Read();
    if (row.status == CsvReader::Status::kEof) break;
    if (row.status == CsvReader::Status::kError) return CallError(CsvError(row));
    if (row.fields.size() != header.fields.size()) {
      row.error = "wrong number of fields";
      return CallError(CsvError(row));
    }
    std::vector<std::pair<std::string, Value>> attributes;
    attributes.reserve(row.fields.size());
    for (size_t i = 0; i < row.fields.size(); ++i) {
      attributes.emplace_back(header.fields[i], Value::String(std::move(row.fields[i])));
    }
    rows.push_back(Value::Object(std::move(attributes)));
  }
  return {Value::List(Type::Object(std::move(attribute_types)), std::move(rows)), std::nullopt};
}

}  // namespace

void RegisterCsvFunctions(BuiltinFunctions& r) {
  r.Add({"csvdecode", {Param{"str", Type::String()}}, std::nullopt, Type::Dynamic(), nullptr,
         CsvDecodeBody});
}

}  // namespace cairn::eval::functions
