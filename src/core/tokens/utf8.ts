// Just enough UTF-8 to classify the character that starts at a byte offset. Invalid, overlong and
// surrogate sequences are "no character": a token that ends or breaks inside one is never taken
// as ending a name.

/** Length of the sequence a lead byte announces, or 0 when the byte cannot start a character. */
export function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Code point of the complete character at `bytes[at]`, or -1 (truncated or invalid). */
export function codePointAt(bytes: ArrayLike<number>, at: number): number {
  const lead = bytes[at];
  if (lead === undefined) return -1;
  const len = sequenceLength(lead);
  if (len === 0 || at + len > bytes.length) return -1;
  if (len === 1) return lead;
  let cp = lead & (0xff >> (len + 1));
  for (let k = 1; k < len; k++) {
    const b = bytes[at + k]!;
    if ((b & 0xc0) !== 0x80) return -1;
    cp = (cp << 6) | (b & 0x3f);
  }
  const min = len === 2 ? 0x80 : len === 3 ? 0x800 : 0x10000;
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return -1;
  return cp;
}
