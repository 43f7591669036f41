/**
 * Number and time formatting for reports: plain strings, no escaping (callers escape).
 */

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A row or value count with thousands separators: 12345 -> "12,345". */
export function formatCount(value: number): string {
  return COUNT.format(value);
}

/** A share in [0, 1] as a percentage with at most one decimal: 0.5 -> "50%", 1/3 -> "33.3%". */
export function formatPercent(share: number): string {
  return `${Number((share * 100).toFixed(1))}%`;
}

/**
 * A test score or threshold: three significant digits, scientific below 1e-4 so tiny p-values stay
 * readable: 0.04231 -> "0.0423", 0.05 -> "0.05", 3.2e-9 -> "3.2e-9", 0 -> "0".
 */
export function formatScore(value: number): string {
  if (value !== 0 && Math.abs(value) < 1e-4) {
    const [mantissa = '', exponent = ''] = value.toExponential(2).split('e');
    return `${Number(mantissa)}e${Number(exponent)}`;
  }
  return String(Number(value.toPrecision(3)));
}

/** An ISO time as "YYYY-MM-DD HH:MM UTC"; anything that does not parse is returned as given. */
export function formatTime(iso: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  return `${time.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
