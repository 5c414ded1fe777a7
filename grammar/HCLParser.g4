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
// builder, see SPEC.md), postfix steps are a flat list, few rule levels per operand (each rule
// invocation allocates a context), every decision is LL(1) or LL(2) except the separators of
// an object constructor. The driver builds no parse tree: everything the AST builder reads is
// a label (`name=IDENT`, `items+=...`). A list label allocates, so the common one-element
// cases have their own label (`first=unaryExpr`, `part=templatePart`).
parser grammar HCLParser;

options { tokenVocab = HCLLexer; }

// ---- Bodies ----------------------------------------------------------------------------------

/// A whole file: the specification. The driver parses topItem slices instead (same language).
configFile : NEWLINE* (bodyItem (NEWLINE+ bodyItem)* NEWLINE*)? EOF ;

/// One top-level attribute or block followed by its newline (or the end of the file).
topItem : item=bodyItem NEWLINE? EOF ;

bodyItem : attr=attribute | blk=block ;

attribute : name=IDENT eq=EQUAL value=expression ;

/// The body is either multi-line (starting with a newline), empty, or the one-line form
/// `a { b = 1 }` holding exactly one attribute.
block
    : type=IDENT labels+=blockLabel* open=OBRACE
      ( nl=NEWLINE (NEWLINE | items+=bodyItem NEWLINE)*
      | single=attribute
      )?
      close=CBRACE
    ;

blockLabel : bare=IDENT | quoted=labelString ;

labelString : open=OQUOTE lits+=QUOTED_LIT* close=CQUOTE ;

// ---- Expressions -----------------------------------------------------------------------------

/// Entry for ParseExpression.
exprFile : expr=expression EOF ;

/// Entry for ParseTemplate.
templateFile : parts+=templatePart* EOF ;

/// Operands joined by binary operators, flat: the AST builder applies HCL's precedence
/// (`||` < `&&` < `== !=` < `< <= > >=` < `+ -` < `* / %`, all left-associative), then an
/// optional `cond ? a : b` whose false branch extends as far right as possible.
expression
    : first=unaryExpr
      ( ops+=( OR | AND | EQUAL_OP | NOT_EQUAL | LESS_THAN | LESS_THAN_EQ | GREATER_THAN
             | GREATER_THAN_EQ | PLUS | MINUS | STAR | SLASH | PERCENT )
        operands+=unaryExpr )*
      (QUESTION yes=expression COLON no=expression)?
    ;

/// `-x` and `!x` bind tighter than any binary operator but looser than traversals.
unaryExpr : op=(MINUS | BANG) operand=unaryExpr | prim=primary steps+=postfix* ;

/// `.name`, legacy `.0`, `.*`, `[*]` and `[key]`.
postfix
    : dot=DOT (name=IDENT | index=NUMBER_LIT | star=STAR)
    | open=OBRACK (star=STAR | key=expression) close=CBRACK
    ;

primary
    : num=NUMBER_LIT
    | call=functionCall
    | name=IDENT
    | open=OPAREN inner=expression close=CPAREN
    | oquote=OQUOTE (part=templatePart parts+=templatePart*)? cquote=CQUOTE
    | oheredoc=OHEREDOC (part=templatePart parts+=templatePart*)? cheredoc=CHEREDOC
    | ftuple=forTuple
    | fobject=forObject
    | tup=tuple
    | obj=object
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
    : open=OBRACK KW_FOR intro=forIntro COLON first=expression (arrow=FAT_ARROW second=expression)?
      ellipsis=ELLIPSIS? (KW_IF cond=expression)? close=CBRACK
    ;

/// `{for k, v in coll : key => value... if cond}`.
forObject
    : open=OBRACE KW_FOR intro=forIntro COLON first=expression (arrow=FAT_ARROW second=expression)?
      ellipsis=ELLIPSIS? (KW_IF cond=expression)? close=CBRACE
    ;

forIntro : first=IDENT (COMMA second=IDENT)? KW_IN coll=expression ;

// ---- Templates -------------------------------------------------------------------------------

templatePart
    : qlit=QUOTED_LIT
    | slit=STRING_LIT
    | iopen=TEMPLATE_INTERP iexpr=expression iclose=TEMPLATE_SEQ_END
    | tif=templateIf
    | tfor=templateFor
    ;

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
