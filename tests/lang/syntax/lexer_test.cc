#include "lang/syntax/lexer.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

// Expected token streams are hclsyntax's (hashicorp/hcl scan_tokens.rl): the kinds and byte
// boundaries below were checked against a build of that Ragel scanner, including its quirks
// (unterminated "/*" is "/" then "*", "$a" before a newline in a heredoc is one literal, ...).

namespace cairn::syntax {
namespace {

/// Escapes token text so that every byte is visible: \n \r \t \" \\ and \xNN for the rest.
std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      default:
        if (c < 0x20 || c >= 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02X", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

/// One line per token: `TokenKindName "text"`.
std::string Dump(std::string_view source, LexMode mode) {
  LexResult result = Lex(source, "test.tf", mode);
  std::string out;
  for (const Token& tok : result.tokens) {
    out += TokenKindName(tok.kind);
    out += ' ';
    out += Quote(tok.Text(source));
    out += '\n';
  }
  return out;
}

struct StreamCase {
  const char* name;
  LexMode mode;
  std::string input;
  const char* want;
};

// clang-format off
const StreamCase kStreamCases[] = {
    {"Empty", LexMode::kNormal, "",
     R"tok(TokenEOF ""
)tok"},
    {"OnlySpacesAndTabs", LexMode::kNormal, " \t \t",
     R"tok(TokenEOF ""
)tok"},
    {"ComparisonAndLogic", LexMode::kNormal, "a = b == c != d < e <= f > g >= h && i || !j ? k : l",
     R"tok(TokenIdent "a"
TokenEqual "="
TokenIdent "b"
TokenEqualOp "=="
TokenIdent "c"
TokenNotEqual "!="
TokenIdent "d"
TokenLessThan "<"
TokenIdent "e"
TokenLessThanEq "<="
TokenIdent "f"
TokenGreaterThan ">"
TokenIdent "g"
TokenGreaterThanEq ">="
TokenIdent "h"
TokenAnd "&&"
TokenIdent "i"
TokenOr "||"
TokenBang "!"
TokenIdent "j"
TokenQuestion "?"
TokenIdent "k"
TokenColon ":"
TokenIdent "l"
TokenEOF ""
)tok"},
    {"Arithmetic", LexMode::kNormal, "1 + 2 - 3 * 4 / 5 % 6",
     R"tok(TokenNumberLit "1"
TokenPlus "+"
TokenNumberLit "2"
TokenMinus "-"
TokenNumberLit "3"
TokenStar "*"
TokenNumberLit "4"
TokenSlash "/"
TokenNumberLit "5"
TokenPercent "%"
TokenNumberLit "6"
TokenEOF ""
)tok"},
    {"Punctuation", LexMode::kNormal, "[a, b](c).d::e...f => g",
     R"tok(TokenOBrack "["
TokenIdent "a"
TokenComma ","
TokenIdent "b"
TokenCBrack "]"
TokenOParen "("
TokenIdent "c"
TokenCParen ")"
TokenDot "."
TokenIdent "d"
TokenDoubleColon "::"
TokenIdent "e"
TokenEllipsis "..."
TokenIdent "f"
TokenFatArrow "=>"
TokenIdent "g"
TokenEOF ""
)tok"},
    {"DotsAreDotsUnlessThree", LexMode::kNormal, "a..b....c",
     R"tok(TokenIdent "a"
TokenDot "."
TokenDot "."
TokenIdent "b"
TokenEllipsis "..."
TokenDot "."
TokenIdent "c"
TokenEOF ""
)tok"},
    {"Numbers", LexMode::kNormal, "1 12.5 1e5 1E+5 1e-5 1.5e3 1.2.3",
     R"tok(TokenNumberLit "1"
TokenNumberLit "12.5"
TokenNumberLit "1e5"
TokenNumberLit "1E+5"
TokenNumberLit "1e-5"
TokenNumberLit "1.5e3"
TokenNumberLit "1.2.3"
TokenEOF ""
)tok"},
    {"NumberEdges", LexMode::kNormal, "1. 1..2 1e 1e+ 1.e5 0x10",
     R"tok(TokenNumberLit "1"
TokenDot "."
TokenNumberLit "1..2"
TokenNumberLit "1"
TokenIdent "e"
TokenNumberLit "1"
TokenIdent "e"
TokenPlus "+"
TokenNumberLit "1.e5"
TokenNumberLit "0"
TokenIdent "x10"
TokenEOF ""
)tok"},
    {"Identifiers", LexMode::kNormal, "foo_bar foo-bar _x x1- h\xC3""\xA9""llo \xCE""\xB1""\xCE""\xB2""",
     R"tok(TokenIdent "foo_bar"
TokenIdent "foo-bar"
TokenIdent "_x"
TokenIdent "x1-"
TokenIdent "h\xC3\xA9llo"
TokenIdent "\xCE\xB1\xCE\xB2"
TokenEOF ""
)tok"},
    {"Comments", LexMode::kNormal, "# a\n// b\n/* c */ d /* e\nf */\n",
     R"tok(TokenComment "# a\n"
TokenComment "// b\n"
TokenComment "/* c */"
TokenIdent "d"
TokenComment "/* e\nf */"
TokenNewline "\n"
TokenEOF ""
)tok"},
    {"HashCommentAtEofWithoutNewline", LexMode::kNormal, "a # c",
     R"tok(TokenIdent "a"
TokenComment "# c"
TokenEOF ""
)tok"},
    {"SlashCommentAtEofWithoutNewline", LexMode::kNormal, "a // c",
     R"tok(TokenIdent "a"
TokenComment "// c"
TokenEOF ""
)tok"},
    {"UnterminatedBlockCommentIsSlashStar", LexMode::kNormal, "a /* b\nc",
     R"tok(TokenIdent "a"
TokenSlash "/"
TokenStar "*"
TokenIdent "b"
TokenNewline "\n"
TokenIdent "c"
TokenEOF ""
)tok"},
    {"BlockCommentEndsAtFirstClose", LexMode::kNormal, "/* a */ */",
     R"tok(TokenComment "/* a */"
TokenStar "*"
TokenSlash "/"
TokenEOF ""
)tok"},
    {"Crlf", LexMode::kNormal, "a = 1\r\nb = 2 # c\r\n/* d */\r\n",
     R"tok(TokenIdent "a"
TokenEqual "="
TokenNumberLit "1"
TokenNewline "\r\n"
TokenIdent "b"
TokenEqual "="
TokenNumberLit "2"
TokenComment "# c\r\n"
TokenComment "/* d */"
TokenNewline "\r\n"
TokenEOF ""
)tok"},
    {"LoneCarriageReturnIsInvalid", LexMode::kNormal, "a\rb",
     R"tok(TokenIdent "a"
TokenInvalid "\r"
TokenIdent "b"
TokenEOF ""
)tok"},
    {"Block", LexMode::kNormal, "resource \"x\" \"y\" {\n  a = [1, 2]\n  b {\n  }\n}\n",
     R"tok(TokenIdent "resource"
TokenOQuote "\""
TokenQuotedLit "x"
TokenCQuote "\""
TokenOQuote "\""
TokenQuotedLit "y"
TokenCQuote "\""
TokenOBrace "{"
TokenNewline "\n"
TokenIdent "a"
TokenEqual "="
TokenOBrack "["
TokenNumberLit "1"
TokenComma ","
TokenNumberLit "2"
TokenCBrack "]"
TokenNewline "\n"
TokenIdent "b"
TokenOBrace "{"
TokenNewline "\n"
TokenCBrace "}"
TokenNewline "\n"
TokenCBrace "}"
TokenNewline "\n"
TokenEOF ""
)tok"},
    {"QuotedStringWithEscapes", LexMode::kNormal, "\"a\\\"b\\\\c\\n\\u00e9\"",
     R"tok(TokenOQuote "\""
TokenQuotedLit "a\\\"b\\\\c\\n\\u00e9"
TokenCQuote "\""
TokenEOF ""
)tok"},
    {"InterpolationAndDirective", LexMode::kNormal, "\"x${a}y%{if b}z%{endif}\"",
     R"tok(TokenOQuote "\""
TokenQuotedLit "x"
TokenTemplateInterp "${"
TokenIdent "a"
TokenTemplateSeqEnd "}"
TokenQuotedLit "y"
TokenTemplateControl "%{"
TokenIdent "if"
TokenIdent "b"
TokenTemplateSeqEnd "}"
TokenQuotedLit "z"
TokenTemplateControl "%{"
TokenIdent "endif"
TokenTemplateSeqEnd "}"
TokenCQuote "\""
TokenEOF ""
)tok"},
    {"StripMarkers", LexMode::kNormal, "\"${~ a ~}%{~ if b ~}c%{ endif ~}\"",
     R"tok(TokenOQuote "\""
TokenTemplateInterp "${~"
TokenIdent "a"
TokenTemplateSeqEnd "~}"
TokenTemplateControl "%{~"
TokenIdent "if"
TokenIdent "b"
TokenTemplateSeqEnd "~}"
TokenQuotedLit "c"
TokenTemplateControl "%{"
TokenIdent "endif"
TokenTemplateSeqEnd "~}"
TokenCQuote "\""
TokenEOF ""
)tok"},
    {"EscapedSequencesStayLiteral", LexMode::kNormal, "\"$${a} %%{b} $${~c} %%{~d}\"",
     R"tok(TokenOQuote "\""
TokenQuotedLit "$${"
TokenQuotedLit "a} "
TokenQuotedLit "%%{"
TokenQuotedLit "b} "
TokenQuotedLit "$${~"
TokenQuotedLit "c} "
TokenQuotedLit "%%{~"
TokenQuotedLit "d}"
TokenCQuote "\""
TokenEOF ""
)tok"},
    {"LoneSigns", LexMode::kNormal, "\"$ % $$ %% $a %b\"",
     R"tok(TokenOQuote "\""
TokenQuotedLit "$"
TokenQuotedLit " "
TokenQuotedLit "%"
TokenQuotedLit " "
TokenQuotedLit "$"
TokenQuotedLit "$"
TokenQuotedLit " "
TokenQuotedLit "%"
TokenQuotedLit "%"
TokenQuotedLit " "
TokenQuotedLit "$"
TokenQuotedLit "a "
TokenQuotedLit "%"
TokenQuotedLit "b"
TokenCQuote "\""
TokenEOF ""
)tok"},
    {"NestedQuotesInInterpolation", LexMode::kNormal, "\"${\"in${x}\"} ${f(\"a\", \"b\")}\"",
     R"tok(TokenOQuote "\""
TokenTemplateInterp "${"
TokenOQuote "\""
TokenQuotedLit "in"
TokenTemplateInterp "${"
TokenIdent "x"
TokenTemplateSeqEnd "}"
TokenCQuote "\""
TokenTemplateSeqEnd "}"
TokenQuotedLit " "
TokenTemplateInterp "${"
TokenIdent "f"
TokenOParen "("
TokenOQuote "\""
TokenQuotedLit "a"
TokenCQuote "\""
TokenComma ","
TokenOQuote "\""
TokenQuotedLit "b"
TokenCQuote "\""
TokenCParen ")"
TokenTemplateSeqEnd "}"
TokenCQuote "\""
TokenEOF ""
)tok"},
    {"ObjectInsideInterpolation", LexMode::kNormal, "\"${ {a = 1}.a }\"",
     R"tok(TokenOQuote "\""
TokenTemplateInterp "${"
TokenOBrace "{"
TokenIdent "a"
TokenEqual "="
TokenNumberLit "1"
TokenCBrace "}"
TokenDot "."
TokenIdent "a"
TokenTemplateSeqEnd "}"
TokenCQuote "\""
TokenEOF ""
)tok"},
    {"ForExpressionInsideInterpolation", LexMode::kNormal, "\"${{for k, v in m : k => v}}\"",
     R"tok(TokenOQuote "\""
TokenTemplateInterp "${"
TokenOBrace "{"
TokenIdent "for"
TokenIdent "k"
TokenComma ","
TokenIdent "v"
TokenIdent "in"
TokenIdent "m"
TokenColon ":"
TokenIdent "k"
TokenFatArrow "=>"
TokenIdent "v"
TokenCBrace "}"
TokenTemplateSeqEnd "}"
TokenCQuote "\""
TokenEOF ""
)tok"},
    {"TildeBraceWithoutInterpolation", LexMode::kNormal, "a ~} b } {",
     R"tok(TokenIdent "a"
TokenTemplateSeqEnd "~}"
TokenIdent "b"
TokenCBrace "}"
TokenOBrace "{"
TokenEOF ""
)tok"},
    {"BackslashBeforeNewlineInString", LexMode::kNormal, "\"a\\\n\"",
     R"tok(TokenOQuote "\""
TokenQuotedLit "a"
TokenInvalid "\\"
TokenQuotedNewline "\n"
TokenCQuote "\""
TokenEOF ""
)tok"},
    {"UnterminatedString", LexMode::kNormal, "a = \"abc",
     R"tok(TokenIdent "a"
TokenEqual "="
TokenOQuote "\""
TokenQuotedLit "abc"
TokenEOF ""
)tok"},
    {"UnterminatedStringRunsOnPastNewline", LexMode::kNormal, "a = \"abc\nb = 1\n",
     R"tok(TokenIdent "a"
TokenEqual "="
TokenOQuote "\""
TokenQuotedLit "abc"
TokenQuotedNewline "\n"
TokenQuotedLit "b = 1"
TokenQuotedNewline "\n"
TokenEOF ""
)tok"},
    {"UnterminatedInterpolation", LexMode::kNormal, "a = \"${b",
     R"tok(TokenIdent "a"
TokenEqual "="
TokenOQuote "\""
TokenTemplateInterp "${"
TokenIdent "b"
TokenEOF ""
)tok"},
    {"SignAtEndOfString", LexMode::kNormal, "\"a$",
     R"tok(TokenOQuote "\""
TokenQuotedLit "a"
TokenInvalid "$"
TokenEOF ""
)tok"},
    {"Heredoc", LexMode::kNormal, "x = <<EOT\nhello\n  world\nEOT\ny = 1\n",
     R"tok(TokenIdent "x"
TokenEqual "="
TokenOHeredoc "<<EOT\n"
TokenStringLit "hello\n"
TokenStringLit "  world\n"
TokenCHeredoc "EOT"
TokenNewline "\n"
TokenIdent "y"
TokenEqual "="
TokenNumberLit "1"
TokenNewline "\n"
TokenEOF ""
)tok"},
    {"FlushHeredocWithInterpolationAndIndentedMarker", LexMode::kNormal, "x = <<-EOT\n  hello ${name}\n    %{ if a }yes%{ endif }\n  EOT\ny = 1\n",
     R"tok(TokenIdent "x"
TokenEqual "="
TokenOHeredoc "<<-EOT\n"
TokenStringLit "  hello "
TokenTemplateInterp "${"
TokenIdent "name"
TokenTemplateSeqEnd "}"
TokenStringLit "\n"
TokenStringLit "    "
TokenTemplateControl "%{"
TokenIdent "if"
TokenIdent "a"
TokenTemplateSeqEnd "}"
TokenStringLit "yes"
TokenTemplateControl "%{"
TokenIdent "endif"
TokenTemplateSeqEnd "}"
TokenStringLit "\n"
TokenCHeredoc "  EOT"
TokenNewline "\n"
TokenIdent "y"
TokenEqual "="
TokenNumberLit "1"
TokenNewline "\n"
TokenEOF ""
)tok"},
    {"HeredocCrlf", LexMode::kNormal, "x = <<EOT\r\nhello\r\nEOT\r\n",
     R"tok(TokenIdent "x"
TokenEqual "="
TokenOHeredoc "<<EOT\r\n"
TokenStringLit "hello\r\n"
TokenCHeredoc "EOT"
TokenNewline "\r\n"
TokenEOF ""
)tok"},
    {"HeredocMarkerWithTrailingSpaces", LexMode::kNormal, "x = <<EOT\na\n EOT  \n",
     R"tok(TokenIdent "x"
TokenEqual "="
TokenOHeredoc "<<EOT\n"
TokenStringLit "a\n"
TokenCHeredoc " EOT  "
TokenNewline "\n"
TokenEOF ""
)tok"},
    {"HeredocMarkerAfterInterpolationIsText", LexMode::kNormal, "<<EOT\n${name}EOT\nEOT\n",
     R"tok(TokenOHeredoc "<<EOT\n"
TokenTemplateInterp "${"
TokenIdent "name"
TokenTemplateSeqEnd "}"
TokenStringLit "EOT\n"
TokenCHeredoc "EOT"
TokenNewline "\n"
TokenEOF ""
)tok"},
    {"HeredocInsideHeredocInterpolation", LexMode::kNormal, "<<EOF\n${<<-EOF\nhello\nEOF\n}\nEOF\n",
     R"tok(TokenOHeredoc "<<EOF\n"
TokenTemplateInterp "${"
TokenOHeredoc "<<-EOF\n"
TokenStringLit "hello\n"
TokenCHeredoc "EOF"
TokenNewline "\n"
TokenTemplateSeqEnd "}"
TokenStringLit "\n"
TokenCHeredoc "EOF"
TokenNewline "\n"
TokenEOF ""
)tok"},
    {"HeredocWithShellDollars", LexMode::kNormal, "<<EOF\necho $HOME $1 $$ $${x}\nEOF\n",
     R"tok(TokenOHeredoc "<<EOF\n"
TokenStringLit "echo "
TokenStringLit "$"
TokenStringLit "HOME "
TokenStringLit "$"
TokenStringLit "1 "
TokenStringLit "$"
TokenStringLit "$"
TokenStringLit " "
TokenStringLit "$${"
TokenStringLit "x}\n"
TokenCHeredoc "EOF"
TokenNewline "\n"
TokenEOF ""
)tok"},
    {"HeredocSignBeforeNewline", LexMode::kNormal, "<<EOF\na$\nb%\r\n$${\nEOF\n",
     R"tok(TokenOHeredoc "<<EOF\n"
TokenStringLit "a"
TokenStringLit "$"
TokenStringLit "\n"
TokenStringLit "b"
TokenStringLit "%\r"
TokenStringLit "\n"
TokenStringLit "$${\n"
TokenCHeredoc "EOF"
TokenNewline "\n"
TokenEOF ""
)tok"},
    {"HeredocEmptyLines", LexMode::kNormal, "<<EOF\n\n\nEOF\n",
     R"tok(TokenOHeredoc "<<EOF\n"
TokenStringLit "\n"
TokenStringLit "\n"
TokenCHeredoc "EOF"
TokenNewline "\n"
TokenEOF ""
)tok"},
    {"HeredocQuotesAreText", LexMode::kNormal, "<<EOF\n\"a\" # b\nEOF\n",
     R"tok(TokenOHeredoc "<<EOF\n"
TokenStringLit "\"a\" # b\n"
TokenCHeredoc "EOF"
TokenNewline "\n"
TokenEOF ""
)tok"},
    {"NotAHeredocWithSpaceAfterMarker", LexMode::kNormal, "<<EOF \nhello\nEOF\n",
     R"tok(TokenLessThan "<"
TokenLessThan "<"
TokenIdent "EOF"
TokenNewline "\n"
TokenIdent "hello"
TokenNewline "\n"
TokenIdent "EOF"
TokenNewline "\n"
TokenEOF ""
)tok"},
    {"NotAHeredocWithoutNewline", LexMode::kNormal, "<<EOF",
     R"tok(TokenLessThan "<"
TokenLessThan "<"
TokenIdent "EOF"
TokenEOF ""
)tok"},
    {"UnterminatedHeredoc", LexMode::kNormal, "a = <<EOT\nabc\n",
     R"tok(TokenIdent "a"
TokenEqual "="
TokenOHeredoc "<<EOT\n"
TokenStringLit "abc\n"
TokenEOF ""
)tok"},
    {"UnterminatedHeredocEndingMidLine", LexMode::kNormal, "a = <<EOT\nabc",
     R"tok(TokenIdent "a"
TokenEqual "="
TokenOHeredoc "<<EOT\n"
TokenStringLit "abc"
TokenEOF ""
)tok"},
    {"LoneCarriageReturnInHeredoc", LexMode::kNormal, "<<EOT\na\rb\nEOT\n",
     R"tok(TokenOHeredoc "<<EOT\n"
TokenStringLit "a"
TokenInvalid "\rb\nEOT\n"
TokenEOF ""
)tok"},
    {"InvalidCharacters", LexMode::kNormal, "a ; b ' c ` d & e | f ^ g ~ h @ i $ j",
     R"tok(TokenIdent "a"
TokenSemicolon ";"
TokenIdent "b"
TokenApostrophe "'"
TokenIdent "c"
TokenBacktick "`"
TokenIdent "d"
TokenBitwiseAnd "&"
TokenIdent "e"
TokenBitwiseOr "|"
TokenIdent "f"
TokenBitwiseXor "^"
TokenIdent "g"
TokenBitwiseNot "~"
TokenIdent "h"
TokenInvalid "@"
TokenIdent "i"
TokenInvalid "$"
TokenIdent "j"
TokenEOF ""
)tok"},
    {"StarStarIsTwoStars", LexMode::kNormal, "a ** b",
     R"tok(TokenIdent "a"
TokenStar "*"
TokenStar "*"
TokenIdent "b"
TokenEOF ""
)tok"},
    {"TabsAreSpaces", LexMode::kNormal, "\ta\t= 1",
     R"tok(TokenIdent "a"
TokenEqual "="
TokenNumberLit "1"
TokenEOF ""
)tok"},
    {"BadUtf8", LexMode::kNormal, "a \xFF"" b \xC3"" \xE2""\x82""",
     R"tok(TokenIdent "a"
TokenBadUTF8 "\xFF"
TokenIdent "b"
TokenBadUTF8 "\xC3"
TokenBadUTF8 "\xE2"
TokenBadUTF8 "\x82"
TokenEOF ""
)tok"},
    {"NonIdentifierUnicodeIsInvalid", LexMode::kNormal, "\xF0""\x9F""\x8C""\xBB"" \xC2""\xA0""",
     R"tok(TokenInvalid "\xF0\x9F\x8C\xBB"
TokenInvalid "\xC2\xA0"
TokenEOF ""
)tok"},
    {"ByteOrderMark", LexMode::kNormal, "\xEF""\xBB""\xBF""a",
     R"tok(TokenIdent "a"
TokenEOF ""
)tok"},
    {"ByteOrderMarkNotAtStart", LexMode::kNormal, " \xEF""\xBB""\xBF""",
     R"tok(TokenInvalid "\xEF\xBB\xBF"
TokenEOF ""
)tok"},
    {"NulByte", LexMode::kNormal, std::string("a\x00""b", 3),
     R"tok(TokenIdent "a"
TokenInvalid "\x00"
TokenIdent "b"
TokenEOF ""
)tok"},
    {"TemplateLiteralOnly", LexMode::kTemplate, " hello \nworld",
     R"tok(TokenStringLit " hello \n"
TokenStringLit "world"
TokenEOF ""
)tok"},
    {"TemplateWithSequences", LexMode::kTemplate, "hello ${name}!\n%{ for x in xs ~}\n${x}\n%{~ endfor }",
     R"tok(TokenStringLit "hello "
TokenTemplateInterp "${"
TokenIdent "name"
TokenTemplateSeqEnd "}"
TokenStringLit "!\n"
TokenTemplateControl "%{"
TokenIdent "for"
TokenIdent "x"
TokenIdent "in"
TokenIdent "xs"
TokenTemplateSeqEnd "~}"
TokenStringLit "\n"
TokenTemplateInterp "${"
TokenIdent "x"
TokenTemplateSeqEnd "}"
TokenStringLit "\n"
TokenTemplateControl "%{~"
TokenIdent "endfor"
TokenTemplateSeqEnd "}"
TokenEOF ""
)tok"},
    {"TemplateEscapes", LexMode::kTemplate, "$${a} %%{b}\n",
     R"tok(TokenStringLit "$${"
TokenStringLit "a} "
TokenStringLit "%%{"
TokenStringLit "b}\n"
TokenEOF ""
)tok"},
    {"TemplateSigns", LexMode::kTemplate, "50% $a\n$ab $",
     R"tok(TokenStringLit "50"
TokenStringLit "%"
TokenStringLit " "
TokenStringLit "$a"
TokenStringLit "\n"
TokenStringLit "$"
TokenStringLit "ab "
TokenStringLit "$"
TokenEOF ""
)tok"},
    {"TemplateQuotesAreText", LexMode::kTemplate, "say \"${\"hi\"}\"",
     R"tok(TokenStringLit "say \""
TokenTemplateInterp "${"
TokenOQuote "\""
TokenQuotedLit "hi"
TokenCQuote "\""
TokenTemplateSeqEnd "}"
TokenStringLit "\""
TokenEOF ""
)tok"},
    {"TemplateLoneCarriageReturn", LexMode::kTemplate, "a\rb",
     R"tok(TokenStringLit "a"
TokenStringLit "\rb"
TokenEOF ""
)tok"},
    {"TemplateHeredocInInterpolation", LexMode::kTemplate, "${<<EOT\nx\nEOT\n} y",
     R"tok(TokenTemplateInterp "${"
TokenOHeredoc "<<EOT\n"
TokenStringLit "x\n"
TokenCHeredoc "EOT"
TokenNewline "\n"
TokenTemplateSeqEnd "}"
TokenStringLit " y"
TokenEOF ""
)tok"},
};
// clang-format on

class LexerStreamTest : public testing::TestWithParam<StreamCase> {};

TEST_P(LexerStreamTest, MatchesHclsyntax) {
  const StreamCase& c = GetParam();
  EXPECT_EQ(Dump(c.input, c.mode), c.want) << "input: " << Quote(c.input);
}

INSTANTIATE_TEST_SUITE_P(Cases, LexerStreamTest, testing::ValuesIn(kStreamCases),
                         [](const testing::TestParamInfo<StreamCase>& info) {
                           return std::string(info.param.name);
                         });

TEST(LexerTest, EveryStreamEndsWithOneEofAndTokensTileTheInput) {
  for (const StreamCase& c : kStreamCases) {
    LexResult r = Lex(c.input, "t", c.mode);
    ASSERT_FALSE(r.tokens.empty()) << c.name;
    EXPECT_EQ(r.tokens.back().kind, TokenKind::kEOF) << c.name;
    int64_t last = 0;
    for (size_t i = 0; i < r.tokens.size(); ++i) {
      const Token& t = r.tokens[i];
      if (i + 1 < r.tokens.size()) EXPECT_NE(t.kind, TokenKind::kEOF) << c.name;
      EXPECT_LE(last, t.start.byte) << c.name;
      EXPECT_LE(t.start.byte, t.end.byte) << c.name;
      // Only spaces, tabs and a leading byte order mark may lie between tokens.
      for (int64_t b = last; b < t.start.byte; ++b) {
        char ch = c.input[b];
        bool bom = b < 3 && c.input.compare(0, 3, "\xEF\xBB\xBF") == 0;
        EXPECT_TRUE(ch == ' ' || ch == '\t' || bom) << c.name << " byte " << b;
      }
      last = t.end.byte;
    }
    EXPECT_EQ(last, static_cast<int64_t>(c.input.size())) << c.name;
  }
}

// ---- positions ----

std::string Positions(std::string_view source, LexMode mode = LexMode::kNormal,
                      Pos start = {}) {
  LexResult result = Lex(source, "test.tf", mode, start);
  std::string out;
  for (const Token& t : result.tokens) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s %d:%d:%lld-%d:%d:%lld\n",
                  std::string(TokenKindName(t.kind)).c_str(), t.start.line, t.start.column,
                  static_cast<long long>(t.start.byte), t.end.line, t.end.column,
                  static_cast<long long>(t.end.byte));
    out += buf;
  }
  return out;
}

TEST(LexerPositionTest, HeredocWithInterpolation) {
  EXPECT_EQ(Positions("<<EOT\nhello ${name}\nEOT\n"),
            "TokenOHeredoc 1:1:0-2:1:6\n"
            "TokenStringLit 2:1:6-2:7:12\n"
            "TokenTemplateInterp 2:7:12-2:9:14\n"
            "TokenIdent 2:9:14-2:13:18\n"
            "TokenTemplateSeqEnd 2:13:18-2:14:19\n"
            "TokenStringLit 2:14:19-3:1:20\n"
            "TokenCHeredoc 3:1:20-3:4:23\n"
            "TokenNewline 3:4:23-4:1:24\n"
            "TokenEOF 4:1:24-4:1:24\n");
}

TEST(LexerPositionTest, SpacesAndTabsBetweenTokensCountOneColumnEach) {
  EXPECT_EQ(Positions(" (1 +\t2)\t\n"),
            "TokenOParen 1:2:1-1:3:2\n"
            "TokenNumberLit 1:3:2-1:4:3\n"
            "TokenPlus 1:5:4-1:6:5\n"
            "TokenNumberLit 1:7:6-1:8:7\n"
            "TokenCParen 1:8:7-1:9:8\n"
            "TokenNewline 1:10:9-2:1:10\n"
            "TokenEOF 2:1:10-2:1:10\n");
}

TEST(LexerPositionTest, CrlfIsOneLineBreak) {
  EXPECT_EQ(Positions("a\r\n# c\r\nb"),
            "TokenIdent 1:1:0-1:2:1\n"
            "TokenNewline 1:2:1-2:1:3\n"
            "TokenComment 2:1:3-3:1:8\n"
            "TokenIdent 3:1:8-3:2:9\n"
            "TokenEOF 3:2:9-3:2:9\n");
}

TEST(LexerPositionTest, MultiLineBlockComment) {
  EXPECT_EQ(Positions("/* a\nbc */ x"),
            "TokenComment 1:1:0-2:6:10\n"
            "TokenIdent 2:7:11-2:8:12\n"
            "TokenEOF 2:8:12-2:8:12\n");
}

TEST(LexerPositionTest, ColumnsCountCharactersNotBytes) {
  // "héllo" with a combining acute accent: 7 bytes, 5 grapheme clusters, like hcl.
  EXPECT_EQ(Positions("he\xCC\x81llo = \"\xC3\xA9\""),
            "TokenIdent 1:1:0-1:6:7\n"
            "TokenEqual 1:7:8-1:8:9\n"
            "TokenOQuote 1:9:10-1:10:11\n"
            "TokenQuotedLit 1:10:11-1:11:13\n"
            "TokenCQuote 1:11:13-1:12:14\n"
            "TokenEOF 1:12:14-1:12:14\n");
  EXPECT_EQ(Positions("\xF0\x9F\x8C\xBB"),
            "TokenInvalid 1:1:0-1:2:4\n"
            "TokenEOF 1:2:4-1:2:4\n");
}

TEST(LexerPositionTest, EmojiSequencesAndFlagsAreOneColumn) {
  // A ZWJ family (18 bytes), a space, a flag made of two regional indicators (8 bytes), a thumb
  // with a skin tone modifier (8 bytes): four clusters.
  EXPECT_EQ(Positions("\"\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"
                      " \xF0\x9F\x87\xAB\xF0\x9F\x87\xB7\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD\""),
            "TokenOQuote 1:1:0-1:2:1\n"
            "TokenQuotedLit 1:2:1-1:6:36\n"
            "TokenCQuote 1:6:36-1:7:37\n"
            "TokenEOF 1:7:37-1:7:37\n");
  // Three regional indicators: one flag and a lone indicator.
  EXPECT_EQ(Positions("\"\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7\xF0\x9F\x87\xAB\""),
            "TokenOQuote 1:1:0-1:2:1\n"
            "TokenQuotedLit 1:2:1-1:4:13\n"
            "TokenCQuote 1:4:13-1:5:14\n"
            "TokenEOF 1:5:14-1:5:14\n");
}

TEST(LexerPositionTest, ACombiningMarkAfterAControlStartsACluster) {
  // A tab then U+0301: two clusters; a letter then U+0301: one.
  EXPECT_EQ(Positions("\"\t\xCC\x81\""),
            "TokenOQuote 1:1:0-1:2:1\n"
            "TokenQuotedLit 1:2:1-1:4:4\n"
            "TokenCQuote 1:4:4-1:5:5\n"
            "TokenEOF 1:5:5-1:5:5\n");
  EXPECT_EQ(Positions("\"a\xCC\x81\""),
            "TokenOQuote 1:1:0-1:2:1\n"
            "TokenQuotedLit 1:2:1-1:3:4\n"
            "TokenCQuote 1:3:4-1:4:5\n"
            "TokenEOF 1:4:5-1:4:5\n");
}

TEST(LexerPositionTest, BadBytesAreOneColumnEach) {
  EXPECT_EQ(Positions("\xFE\xFF"),
            "TokenBadUTF8 1:1:0-1:2:1\n"
            "TokenBadUTF8 1:2:1-1:3:2\n"
            "TokenEOF 1:3:2-1:3:2\n");
}

TEST(LexerPositionTest, ByteOrderMarkCountsInBytesOnly) {
  EXPECT_EQ(Positions("\xEF\xBB\xBF"), "TokenEOF 1:1:3-1:1:3\n");
  EXPECT_EQ(Positions("\xEF\xBB\xBFx"),
            "TokenIdent 1:1:3-1:2:4\n"
            "TokenEOF 1:2:4-1:2:4\n");
}

TEST(LexerPositionTest, StartOffsetsEverything) {
  EXPECT_EQ(Positions("a\n b", LexMode::kNormal, Pos{5, 10, 100}),
            "TokenIdent 5:10:100-5:11:101\n"
            "TokenNewline 5:11:101-6:1:102\n"
            "TokenIdent 6:2:103-6:3:104\n"
            "TokenEOF 6:3:104-6:3:104\n");
}

TEST(LexerPositionTest, TemplateMode) {
  EXPECT_EQ(Positions("hi ${x}\n", LexMode::kTemplate),
            "TokenStringLit 1:1:0-1:4:3\n"
            "TokenTemplateInterp 1:4:3-1:6:5\n"
            "TokenIdent 1:6:5-1:7:6\n"
            "TokenTemplateSeqEnd 1:7:6-1:8:7\n"
            "TokenStringLit 1:8:7-2:1:8\n"
            "TokenEOF 2:1:8-2:1:8\n");
}

// ---- diagnostics (hclsyntax's checkInvalidTokens) ----

std::string Diags(std::string_view source, LexMode mode = LexMode::kNormal) {
  LexResult result = Lex(source, "main.tf", mode);
  std::string out;
  for (const Diagnostic& d : result.diagnostics) {
    char buf[80];
    const Range& r = *d.subject;
    std::snprintf(buf, sizeof buf, " [%d:%d:%lld-%d:%d:%lld]", r.start.line, r.start.column,
                  static_cast<long long>(r.start.byte), r.end.line, r.end.column,
                  static_cast<long long>(r.end.byte));
    out += std::string(d.severity == Severity::kError ? "error: " : "warning: ") + d.summary +
           " | " + d.detail + buf + "\n";
  }
  return out;
}

TEST(LexerDiagnosticsTest, CleanInputHasNone) {
  LexResult r = Lex("a = \"${b}\" # c\n", "main.tf");
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(LexerDiagnosticsTest, SubjectNamesTheFile) {
  LexResult r = Lex("a ; b", "dir/main.tf");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  ASSERT_TRUE(r.diagnostics[0].subject.has_value());
  EXPECT_EQ(r.diagnostics[0].subject->filename.str(), "dir/main.tf");
  EXPECT_FALSE(r.diagnostics[0].context.has_value());
}

TEST(LexerDiagnosticsTest, BitwiseOperatorsAtMostFour) {
  EXPECT_EQ(Diags("a & b | c ^ d ~ e & f"),
            "error: Unsupported operator | Bitwise operators are not supported. Did you mean "
            "boolean AND (\"&&\")? [1:3:2-1:4:3]\n"
            "error: Unsupported operator | Bitwise operators are not supported. Did you mean "
            "boolean OR (\"||\")? [1:7:6-1:8:7]\n"
            "error: Unsupported operator | Bitwise operators are not supported. [1:11:10-1:12:11]\n"
            "error: Unsupported operator | Bitwise operators are not supported. Did you mean "
            "boolean NOT (\"!\")? [1:15:14-1:16:15]\n");
}

TEST(LexerDiagnosticsTest, BackticksEveryOtherOneUpToTwo) {
  EXPECT_EQ(Diags("`a` `b` `c`"),
            "error: Invalid character | The \"`\" character is not valid. To create a "
            "multi-line string, use the \"heredoc\" syntax, like \"<<EOT\". [1:1:0-1:2:1]\n"
            "error: Invalid character | The \"`\" character is not valid. To create a "
            "multi-line string, use the \"heredoc\" syntax, like \"<<EOT\". [1:5:4-1:6:5]\n");
}

TEST(LexerDiagnosticsTest, ApostrophesEveryOtherOneUpToTwo) {
  EXPECT_EQ(Diags("'a' 'b' 'c'"),
            "error: Invalid character | Single quotes are not valid. Use double quotes (\") to "
            "enclose strings. [1:1:0-1:2:1]\n"
            "error: Invalid character | Single quotes are not valid. Use double quotes (\") to "
            "enclose strings. [1:5:4-1:6:5]\n");
}

TEST(LexerDiagnosticsTest, SemicolonOnce) {
  EXPECT_EQ(Diags("a = 1; b = 2;"),
            "error: Invalid character | The \";\" character is not valid. Use newlines to "
            "separate arguments and blocks, and commas to separate items in collection "
            "values. [1:6:5-1:7:6]\n");
}

TEST(LexerDiagnosticsTest, BadUtf8Once) {
  EXPECT_EQ(Diags("a = \"\xFF\" \xC3"),
            "error: Invalid character encoding | All input files must be UTF-8 encoded. Ensure "
            "that UTF-8 encoding is selected in your editor. [1:6:5-1:7:6]\n");
}

TEST(LexerDiagnosticsTest, QuotedNewlineEveryTime) {
  EXPECT_EQ(Diags("a = \"b\nc\"\n"),
            "error: Invalid multi-line string | Quoted strings may not be split over multiple "
            "lines. To produce a multi-line string, either use the \\n escape to represent a "
            "newline character or use the \"heredoc\" multi-line template syntax. "
            "[1:7:6-2:1:7]\n");
}

TEST(LexerDiagnosticsTest, InvalidCharacterEveryTime) {
  EXPECT_EQ(Diags("@ \xF0\x9F\x8C\xBB"),
            "error: Invalid character | This character is not used within the language. "
            "[1:1:0-1:2:1]\n"
            "error: Invalid character | This character is not used within the language. "
            "[1:3:2-1:4:6]\n");
}

TEST(LexerDiagnosticsTest, TabsAndStarStarAreNotErrors) {
  // hclsyntax's scanner treats tabs as spaces and "**" as two stars; the parser reports
  // what is wrong with the latter.
  EXPECT_EQ(Diags("\ta = 2 ** 3\n"), "");
}

TEST(LexerDiagnosticsTest, UnterminatedSequencesNeverFail) {
  EXPECT_EQ(Diags("a = \"${b"), "");
  EXPECT_EQ(Diags("a = <<EOT\nb"), "");
  EXPECT_EQ(Diags("a = \"b$"),
            "error: Invalid character | This character is not used within the language. "
            "[1:7:6-1:8:7]\n");
}

// ---- robustness ----

TEST(LexerTest, RandomInputNeverCrashesOrLoops) {
  const char* pieces[] = {"a", " ", "\n", "\r", "\"", "\\", "$", "%", "{", "}", "~", "<<EOT\n",
                          "EOT\n", "${", "%{", "/*", "*/", "#", "\xC3", "\xA9", "\xFF", "1.e"};
  uint32_t state = 12345;
  for (int iter = 0; iter < 2000; ++iter) {
    std::string s;
    int len = 1 + iter % 40;
    for (int i = 0; i < len; ++i) {
      state = state * 1103515245u + 12345u;
      s += pieces[(state >> 16) % (sizeof pieces / sizeof *pieces)];
    }
    for (LexMode mode : {LexMode::kNormal, LexMode::kTemplate}) {
      LexResult r = Lex(s, "f", mode);
      ASSERT_FALSE(r.tokens.empty());
      EXPECT_EQ(r.tokens.back().kind, TokenKind::kEOF);
      EXPECT_EQ(r.tokens.back().end.byte, static_cast<int64_t>(s.size()));
    }
  }
}

TEST(LexerTest, PositionsOfAsciiInputCountBytesFromLineStart) {
  // For ASCII input hcl's positions reduce to: line = 1 + newlines before, column = 1 + bytes
  // since the last newline. Checks every token boundary of random inputs in both modes.
  const char* pieces[] = {"a", "bc", " ", "\t", "\n", "\r\n", "\r", "\"", "\\", "$", "%", "{",
                          "}", "~", "<<EOT\n", "<<-EOT\r\n", "EOT\n", "  EOT\n", "${", "%{",
                          "/*", "*/", "# c\n", "//", "1.5", "==", "...", "@", ";"};
  uint32_t state = 777;
  for (int iter = 0; iter < 1500; ++iter) {
    std::string s;
    int len = 1 + iter % 30;
    for (int i = 0; i < len; ++i) {
      state = state * 1103515245u + 12345u;
      s += pieces[(state >> 16) % (sizeof pieces / sizeof *pieces)];
    }
    auto expected = [&](int64_t byte) {
      Pos p;
      p.byte = byte;
      for (int64_t b = 0; b < byte; ++b) {
        if (s[b] == '\n') {
          ++p.line;
          p.column = 1;
        } else {
          ++p.column;
        }
      }
      return p;
    };
    for (LexMode mode : {LexMode::kNormal, LexMode::kTemplate}) {
      for (const Token& t : Lex(s, "f", mode).tokens) {
        ASSERT_EQ(t.start, expected(t.start.byte)) << Quote(s) << " " << TokenKindName(t.kind);
        // A token ending between "\r" and "\n" has counted the "\r" as a column.
        ASSERT_EQ(t.end, expected(t.end.byte)) << Quote(s) << " " << TokenKindName(t.kind);
      }
    }
  }
}

TEST(LexerTest, DeepNestingIsLinear) {
  std::string s = "a = ";
  for (int i = 0; i < 10000; ++i) s += "\"${";
  for (int i = 0; i < 10000; ++i) s += "}\"";
  LexResult r = Lex(s, "f");
  EXPECT_EQ(r.tokens.size(), 2u + 4u * 10000u + 1u);
  EXPECT_TRUE(r.diagnostics.empty());
}

}  // namespace
}  // namespace cairn::syntax
