// Exact sums of ledger amounts: the API writes them as JSON decimals, which JavaScript numbers would round, so the
// zero-sum check reads them as text and adds them as scaled big integers.

/** The amounts of a ledger's JSON text, as written. */
export function amountsOf(json) {
  return [...json.matchAll(/"amount"\s*:\s*(-?[0-9][0-9.]*(?:[eE][+-]?[0-9]+)?)/g)].map(m => m[1]);
}

function parse(text) {
  const [mantissa, exponent = '0'] = text.toLowerCase().split('e');
  const negative = mantissa.startsWith('-');
  const [whole, fraction = ''] = mantissa.replace('-', '').split('.');
  let digits = BigInt(whole + fraction || '0');
  let scale = fraction.length - Number(exponent);
  if (scale < 0) { digits *= 10n ** BigInt(-scale); scale = 0; }
  return { value: negative ? -digits : digits, scale };
}

/** The exact sum of decimal strings, as a decimal string. */
export function decimalSum(amounts) {
  const parsed = amounts.map(parse);
  const scale = Math.max(0, ...parsed.map(p => p.scale));
  const total = parsed.reduce((s, p) => s + p.value * 10n ** BigInt(scale - p.scale), 0n);
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const text = scale ? digits.slice(0, -scale) + '.' + digits.slice(-scale) : digits;
  return (negative ? '-' : '') + text.replace(/\.?0+$/, '') || '0';
}
