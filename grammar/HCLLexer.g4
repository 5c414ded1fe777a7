// The token vocabulary of HCL's native syntax (hashicorp/hcl hclsyntax), as an ANTLR lexer
// grammar. Token names correspond one to one to cairn::syntax::TokenKind (lang/syntax/token.h):
// kOBrace -> OBRACE, kEqualOp -> EQUAL_OP, ...
//
// The production lexer is the hand-written one (lang/syntax/lexer.cc): it is exact (heredocs,
// nested template braces, grapheme-aware columns) and faster. Its tokens are mapped onto these
// token types by lang/syntax/token_stream.cc. This grammar is the specification of the
// vocabulary and lexes what a context-free ANTLR lexer reasonably can: everything except
// heredoc bodies (which need the introducer's marker to find their end) and `}` closing an
// interpolation that itself contains braces (which needs a brace stack). See SPEC.md.
lexer grammar HCLLexer;

// Keywords are identifiers to the lexer. The token adapter retypes an identifier as a keyword
// only where hclsyntax treats it as one (`for` opening a for expression, `in`, `if`, and the
// words after `%{`), so `for = 1` stays an ordinary argument.
tokens { KW_FOR, KW_IN, KW_IF, KW_ELSE, KW_ENDIF, KW_ENDFOR }

OBRACE           : '{' ;
CBRACE           : '}' ;
OBRACK           : '[' ;
CBRACK           : ']' ;
OPAREN           : '(' ;
CPAREN           : ')' ;
OQUOTE           : '"' -> pushMode(QUOTED) ;
OHEREDOC         : '<<' '-'? ID_START ID_CONTINUE* '\r'? '\n' ;
STAR             : '*' ;
SLASH            : '/' ;
PLUS             : '+' ;
MINUS            : '-' ;
PERCENT          : '%' ;
EQUAL            : '=' ;
EQUAL_OP         : '==' ;
NOT_EQUAL        : '!=' ;
LESS_THAN        : '<' ;
LESS_THAN_EQ     : '<=' ;
GREATER_THAN     : '>' ;
GREATER_THAN_EQ  : '>=' ;
AND              : '&&' ;
OR               : '||' ;
BANG             : '!' ;
DOT              : '.' ;
COMMA            : ',' ;
DOUBLE_COLON     : '::' ;
ELLIPSIS         : '...' ;
FAT_ARROW        : '=>' ;
QUESTION         : '?' ;
COLON            : ':' ;
// `~}` always closes a template sequence; a plain `}` does so only inside one (see above).
TEMPLATE_SEQ_END : '~}' ;
NUMBER_LIT       : [0-9]+ ('.' [0-9]+)? ([eE] [+-]? [0-9]+)? ;
IDENT            : ID_START ID_CONTINUE* ;
COMMENT          : ( ('#' | '//') ~[\r\n]* '\r'? '\n'?   // a line comment owns its newline
                   | '/*' .*? '*/' ) ;
NEWLINE          : '\r'? '\n' ;
SPACES           : ' '+ -> skip ;

// Recognised only to report them; never valid.
BITWISE_AND      : '&' ;
BITWISE_OR       : '|' ;
BITWISE_NOT      : '~' ;
BITWISE_XOR      : '^' ;
STAR_STAR        : '**' ;
APOSTROPHE       : '\'' ;
BACKTICK         : '`' ;
SEMICOLON        : ';' ;
TABS             : '\t'+ ;
INVALID          : . ;

// Kinds only the hand-written lexer produces (heredoc bodies, bytes that are not UTF-8, a
// newline inside a quoted string); declared here so the vocabulary is complete.

fragment ID_START    : [\p{L}_] ;
fragment ID_CONTINUE : [\p{L}\p{N}_-] ;

mode QUOTED;
CQUOTE           : '"' -> popMode ;
TEMPLATE_INTERP  : ('${~' | '${') -> pushMode(DEFAULT_MODE) ;
TEMPLATE_CONTROL : ('%{~' | '%{') -> pushMode(DEFAULT_MODE) ;
// Literal text: escapes stay undecoded; `$${` and `%%{` are literal text too.
QUOTED_LIT       : ( ~["\\$%\r\n] | '\\' ~[\r\n] | '$$' '{'? | '%%' '{'? | '$' ~["{\r\n\\] | '%' ~["{\r\n\\] )+ ;
QUOTED_NEWLINE   : '\r'? '\n' -> popMode ;

mode HEREDOC_BODY_SPEC;  // documentation only: the hand-written lexer tracks heredoc markers
STRING_LIT       : ~[\n]* '\n' ;
CHEREDOC         : ' '* ID_START ID_CONTINUE* ;
BAD_UTF8         : '\u0000' ;
