// HCL native syntax (hashicorp/hcl hclsyntax), as an ANTLR 4 parser grammar over the token
// vocabulary of HCLLexer.g4. The meaning, the newline rules and the error messages are in
// SPEC.md. Parsed by lang/syntax/parser.cc, one top-level item at a time (rule topItem).
//
// Newlines: the token adapter (lang/syntax/token_stream.cc) delivers NEWLINE only where
// hclsyntax finds them significant: in bodies and object constructors. Inside ( ), [ ],
// template sequences and for expressions they never reach the parser. A line comment ends a
// line, so it is delivered as a NEWLINE where newlines matter; other comments are dropped.
//
// Design for speed: binary operators are a flat list (precedence is applied by the AST
// builder, see SPEC.md), postfix steps are a flat list, and every decision is LL(1) or LL(2)
// except the separators of an object constructor.
parser grammar HCLParser;

options { tokenVocab = HCLLexer; }

// ---- Bodies ----------------------------------------------------------------------------------

/// A whole file: the specification. The driver parses topItem slices instead (same language).
configFile : NEWLINE* (bodyItem (NEWLINE+ bodyItem)* NEWLINE*)? EOF ;

/// One top-level attribute or block followed by its newline (or the end of the file).
topItem : bodyItem NEWLINE? EOF ;

bodyItem : attribute | block ;

attribute : name=IDENT eq=EQUAL value=expression ;

block : type=IDENT labels+=blockLabel* open=OBRACE blockBody close=CBRACE ;

blockLabel : IDENT | labelString ;

labelString : OQUOTE QUOTED_LIT* CQUOTE ;

/// Either a multi-line body (starting with a newline), an empty one, or the one-line form
/// `a { b = 1 }` holding exactly one attribute.
blockBody
    : NEWLINE (NEWLINE | items+=bodyItem NEWLINE)*   # multiLineBody
    | single=attribute                              # singleLineBody
    |                                               # emptyBody
    ;

// ---- Expressions -----------------------------------------------------------------------------

/// Entry for ParseExpression.
exprFile : expression EOF ;

/// Entry for ParseTemplate.
templateFile : templatePart* EOF ;

/// `cond ? a : b`; the false branch extends as far right as possible.
expression : cond=binaryExpr (QUESTION yes=expression COLON no=expression)? ;

/// Operands joined by binary operators, flat: the AST builder applies HCL's precedence
/// (`||` < `&&` < `== !=` < `< <= > >=` < `+ -` < `* / %`), all left-associative.
binaryExpr : operands+=unaryExpr (ops+=binaryOp operands+=unaryExpr)* ;

binaryOp
    : OR | AND | EQUAL_OP | NOT_EQUAL | LESS_THAN | LESS_THAN_EQ | GREATER_THAN
    | GREATER_THAN_EQ | PLUS | MINUS | STAR | SLASH | PERCENT
    ;

/// `-x` and `!x` bind tighter than any binary operator but looser than traversals.
unaryExpr : op=(MINUS | BANG) operand=unaryExpr | postfixExpr ;

postfixExpr : primary steps+=postfix* ;

postfix
    : DOT name=IDENT                       # attrStep
    | DOT index=NUMBER_LIT                 # legacyIndexStep
    | DOT STAR                             # attrSplatStep
    | open=OBRACK STAR close=CBRACK        # fullSplatStep
    | open=OBRACK key=expression close=CBRACK  # indexStep
    ;

primary
    : NUMBER_LIT                                 # numberLit
    | functionCall                               # callExpr
    | IDENT                                      # variableExpr
    | open=OPAREN inner=expression close=CPAREN  # parensExpr
    | OQUOTE templatePart* CQUOTE                # quotedTemplate
    | OHEREDOC templatePart* CHEREDOC            # heredocTemplate
    | forTuple                                   # forTupleExpr
    | forObject                                  # forObjectExpr
    | tuple                                      # tupleExpr
    | object                                     # objectExpr
    ;

functionCall
    : names+=IDENT (DOUBLE_COLON names+=IDENT)* open=OPAREN
      (args+=expression (COMMA args+=expression)* (COMMA | ellipsis=ELLIPSIS)?)?
      close=CPAREN
    ;

tuple : open=OBRACK (items+=expression (COMMA items+=expression)* COMMA?)? close=CBRACK ;

/// Items are separated by commas or newlines; a trailing separator is allowed.
object
    : open=OBRACE NEWLINE* (items+=objectItem (objectSep items+=objectItem)* objectSep?)?
      close=CBRACE
    ;

objectSep : (COMMA | NEWLINE) NEWLINE* ;

objectItem : key=expression sep=(EQUAL | COLON) value=expression ;

/// `[for k, v in coll : value if cond]`. The grammar accepts `=>` and `...` here so that the
/// AST builder can report them as hclsyntax does.
forTuple
    : open=OBRACK KW_FOR forIntro COLON first=expression (arrow=FAT_ARROW second=expression)?
      ellipsis=ELLIPSIS? (KW_IF cond=expression)? close=CBRACK
    ;

/// `{for k, v in coll : key => value... if cond}`.
forObject
    : open=OBRACE KW_FOR forIntro COLON first=expression (arrow=FAT_ARROW second=expression)?
      ellipsis=ELLIPSIS? (KW_IF cond=expression)? close=CBRACE
    ;

forIntro : first=IDENT (COMMA second=IDENT)? KW_IN coll=expression ;

// ---- Templates -------------------------------------------------------------------------------

templatePart
    : QUOTED_LIT           # quotedLitPart
    | STRING_LIT           # stringLitPart
    | templateInterp       # interpPart
    | templateIf           # ifPart
    | templateFor          # forPart
    ;

templateInterp : open=TEMPLATE_INTERP expression close=TEMPLATE_SEQ_END ;

templateIf
    : ifOpen=TEMPLATE_CONTROL KW_IF cond=expression ifClose=TEMPLATE_SEQ_END
      thenParts+=templatePart*
      (elseOpen=TEMPLATE_CONTROL KW_ELSE elseClose=TEMPLATE_SEQ_END elseParts+=templatePart*)?
      endOpen=TEMPLATE_CONTROL KW_ENDIF endClose=TEMPLATE_SEQ_END
    ;

templateFor
    : forOpen=TEMPLATE_CONTROL KW_FOR first=IDENT (COMMA second=IDENT)? KW_IN coll=expression
      forClose=TEMPLATE_SEQ_END
      parts+=templatePart*
      endOpen=TEMPLATE_CONTROL KW_ENDFOR endClose=TEMPLATE_SEQ_END
    ;
