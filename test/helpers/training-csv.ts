/**
 * Training data for tests that need narrow monitoring thresholds: 3,000 rows with a clear signal (low
 * recent activity, more exits), so that the F1 band of a chunk of 200 rows has a lower threshold above
 * 0 (the seed's 26 rows give a lower threshold of 0).
 */
export function trainingCsv(): string {
  let state = 11;
  const random = () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
  const lines = ['corporation,lastmonth_activity,lastyear_activity,number_of_employees,exited'];
  for (let i = 0; i < 3000; i++) {
    const month = Math.round(random() * 1000);
    const exited = random() < 1 / (1 + Math.exp((month - 300) / 40)) ? 1 : 0;
    lines.push(`t${i},${month},${Math.round(month * 12 * (0.5 + random()))},${Math.round(random() * 500)},${exited}`);
  }
  return `${lines.join('\n')}\n`;
}
