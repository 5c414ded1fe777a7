#!/usr/bin/env python3
"""Writes lang/syntax/unicode_tables.inc: sorted code point ranges for the lexer.

  kIdStart      Unicode ID_Start (identifiers may also start with '_')
  kIdContinue   Unicode ID_Continue (identifiers may also contain '-')
  kGraphemeExtend  code points that never start a new grapheme cluster when they follow another
                   character (Extend, SpacingMark, ZWJ): used to count columns like hcl does.
  kExtendedPictographic  emoji-like symbols that a ZWJ joins into one cluster (UAX #29 GB11);
                   Python has no such property, so its ranges (from emoji-data.txt) are listed.

Derived from Python's unicodedata (general categories plus the Other_ID_* and Pattern_* lists of
DerivedCoreProperties), so the table follows the Unicode version of the Python that runs this.
Run from the repository root: python3 scripts/gen_unicode_tables.py
"""
import sys
import unicodedata

OTHER_ID_START = {0x1885, 0x1886, 0x2118, 0x212E, 0x309B, 0x309C}
OTHER_ID_CONTINUE = {0x00B7, 0x0387, 0x1369, 0x136A, 0x136B, 0x136C, 0x136D, 0x136E, 0x136F,
                     0x1370, 0x1371, 0x19DA}
PATTERN_SYNTAX_RANGES = [
    (0x21, 0x2F), (0x3A, 0x40), (0x5B, 0x5E), (0x60, 0x60), (0x7B, 0x7E), (0xA1, 0xA7),
    (0xA9, 0xA9), (0xAB, 0xAC), (0xAE, 0xAE), (0xB0, 0xB1), (0xB6, 0xB6), (0xBB, 0xBB),
    (0xBF, 0xBF), (0xD7, 0xD7), (0xF7, 0xF7), (0x2010, 0x2027), (0x2030, 0x203E),
    (0x2041, 0x2053), (0x2055, 0x205E), (0x2190, 0x245F), (0x2500, 0x2775), (0x2794, 0x2BFF),
    (0x2E00, 0x2E7F), (0x3001, 0x3003), (0x3008, 0x3020), (0x3030, 0x3030), (0xFD3E, 0xFD3F),
    (0xFE45, 0xFE46)]


def pattern_syntax(cp):
    return any(lo <= cp <= hi for lo, hi in PATTERN_SYNTAX_RANGES)


def id_start(cp):
    cat = unicodedata.category(chr(cp))
    ok = cat in ('Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'Nl') or cp in OTHER_ID_START
    return ok and not pattern_syntax(cp)


def id_continue(cp):
    cat = unicodedata.category(chr(cp))
    ok = id_start(cp) or cat in ('Mn', 'Mc', 'Nd', 'Pc') or cp in OTHER_ID_CONTINUE
    return ok and not pattern_syntax(cp)


def grapheme_extend(cp):
    cat = unicodedata.category(chr(cp))
    if cat in ('Mn', 'Me', 'Mc'):
        return True
    if cp in (0x200C, 0x200D):  # ZWNJ (Extend), ZWJ
        return True
    if 0x1F3FB <= cp <= 0x1F3FF:  # emoji modifiers (Extend)
        return True
    if 0xE0020 <= cp <= 0xE007F:  # tags (Extend)
        return True
    if 0xFF9E <= cp <= 0xFF9F:  # halfwidth sound marks (Extend)
        return True
    if 0x1160 <= cp <= 0x11FF or 0xD7B0 <= cp <= 0xD7FF:  # Hangul V/T jamo (approximation)
        return True
    return False


EXTENDED_PICTOGRAPHIC = [
    (0xA9, 0xA9), (0xAE, 0xAE), (0x203C, 0x203C), (0x2049, 0x2049), (0x2122, 0x2122),
    (0x2139, 0x2139), (0x2194, 0x2199), (0x21A9, 0x21AA), (0x231A, 0x231B), (0x2328, 0x2328),
    (0x2388, 0x2388), (0x23CF, 0x23CF), (0x23E9, 0x23F3), (0x23F8, 0x23FA), (0x24C2, 0x24C2),
    (0x25AA, 0x25AB), (0x25B6, 0x25B6), (0x25C0, 0x25C0), (0x25FB, 0x25FE), (0x2600, 0x2605),
    (0x2607, 0x2612), (0x2614, 0x2685), (0x2690, 0x2705), (0x2708, 0x2712), (0x2714, 0x2714),
    (0x2716, 0x2716), (0x271D, 0x271D), (0x2721, 0x2721), (0x2728, 0x2728), (0x2733, 0x2734),
    (0x2744, 0x2744), (0x2747, 0x2747), (0x274C, 0x274C), (0x274E, 0x274E), (0x2753, 0x2755),
    (0x2757, 0x2757), (0x2763, 0x2767), (0x2795, 0x2797), (0x27A1, 0x27A1), (0x27B0, 0x27B0),
    (0x27BF, 0x27BF), (0x2934, 0x2935), (0x2B05, 0x2B07), (0x2B1B, 0x2B1C), (0x2B50, 0x2B50),
    (0x2B55, 0x2B55), (0x3030, 0x3030), (0x303D, 0x303D), (0x3297, 0x3297), (0x3299, 0x3299),
    (0x1F000, 0x1F0FF), (0x1F10D, 0x1F10F), (0x1F12F, 0x1F12F), (0x1F16C, 0x1F171),
    (0x1F17E, 0x1F17F), (0x1F18E, 0x1F18E), (0x1F191, 0x1F19A), (0x1F1AD, 0x1F1E5),
    (0x1F201, 0x1F20F), (0x1F21A, 0x1F21A), (0x1F22F, 0x1F22F), (0x1F232, 0x1F23A),
    (0x1F23C, 0x1F23F), (0x1F249, 0x1F3FA), (0x1F400, 0x1F53D), (0x1F546, 0x1F64F),
    (0x1F680, 0x1F6FF), (0x1F774, 0x1F77F), (0x1F7D5, 0x1F7FF), (0x1F80C, 0x1F80F),
    (0x1F848, 0x1F84F), (0x1F85A, 0x1F85F), (0x1F888, 0x1F88F), (0x1F8AE, 0x1F8FF),
    (0x1F90C, 0x1F93A), (0x1F93C, 0x1F945), (0x1F947, 0x1FAFF), (0x1FC00, 0x1FFFD)]


def ranges(pred):
    out, start = [], None
    for cp in range(0x80, 0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            ok = False
        else:
            ok = pred(cp)
        if ok and start is None:
            start = cp
        elif not ok and start is not None:
            out.append((start, cp - 1))
            start = None
    if start is not None:
        out.append((start, 0x10FFFF))
    return out


def emit(name, rs, f):
    f.write(f"constexpr CodePointRange {name}[] = {{\n")
    line = "   "
    for lo, hi in rs:
        item = f" {{0x{lo:X}, 0x{hi:X}}},"
        if len(line) + len(item) > 99:
            f.write(line + "\n")
            line = "   "
        line += item
    f.write(line + "\n};\n\n")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "lang/syntax/unicode_tables.inc"
    with open(out, "w") as f:
        f.write("// Generated by scripts/gen_unicode_tables.py from Unicode "
                f"{unicodedata.unidata_version}. Do not edit.\n")
        f.write("// Non-ASCII code points only (ASCII is handled by the lexer's byte tables).\n\n")
        emit("kIdStart", ranges(id_start), f)
        emit("kIdContinue", ranges(id_continue), f)
        emit("kGraphemeExtend", ranges(grapheme_extend), f)
        emit("kExtendedPictographic", EXTENDED_PICTOGRAPHIC, f)


if __name__ == "__main__":
    main()
