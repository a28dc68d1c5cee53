/** Attribution stories for fault suites: distinct pages, each with at least one claim. */
const ACCUSED = [
  ["Russia's GRU military intelligence agency", 'APT28'],
  ["China's Ministry of State Security", 'APT41'],
  ['North Korea', 'the Lazarus Group'],
  ["Iran's Revolutionary Guard", 'APT33'],
];

export function story(i: number): string {
  const [state, group] = ACCUSED[i % ACCUSED.length]!;
  const title = `Officials blame ${group} for breach number ${i}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1><p>Government officials said on Tuesday that hackers working for ${state} breached the email servers of agency number ${i} last month, stealing documents.</p><p>The officials said they had assessed with high confidence that the group known as ${group} carried out the intrusion, citing forensic evidence gathered by investigators.</p><p>A spokesman denied any involvement and called the accusation baseless.</p></article></body></html>`;
}
