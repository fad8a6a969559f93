/**
 * How many SMS parts a text costs (3GPP TS 23.038). A text made only of the GSM 7-bit alphabet fits 160
 * characters in one part (153 per part when concatenated; characters of the extension table count twice).
 * Anything else, Arabic included, is sent as UCS-2: 70 characters in one part, 67 per part when concatenated
 * (counted in UTF-16 code units, as the network does).
 */
export type SmsEncoding = "gsm7" | "ucs2";
export type SmsSegments = { encoding: SmsEncoding; units: number; segments: number; perSegment: number };

const GSM7_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM7_EXTENDED = "^{}\\[~]|€\f";

const basic = new Set(Array.from(GSM7_BASIC));
const extended = new Set(Array.from(GSM7_EXTENDED));

/** The number of GSM 7-bit septets the text needs, or null if it has a character outside the alphabet. */
function gsm7Units(text: string): number | null {
  let units = 0;
  for (const ch of text) {
    if (basic.has(ch)) units += 1;
    else if (extended.has(ch)) units += 2;
    else return null;
  }
  return units;
}

export function smsSegments(text: string): SmsSegments {
  const gsm = gsm7Units(text);
  if (gsm !== null) {
    const segments = gsm <= 160 ? 1 : Math.ceil(gsm / 153);
    return { encoding: "gsm7", units: gsm, segments, perSegment: segments === 1 ? 160 : 153 };
  }
  const units = text.length; // UTF-16 code units
  const segments = units <= 70 ? 1 : Math.ceil(units / 67);
  return { encoding: "ucs2", units, segments, perSegment: segments === 1 ? 70 : 67 };
}
