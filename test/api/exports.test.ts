/** CSV and STIX 2.1 exports: quoting, formula guard, structure, stable ids. */
import { claimsToCsv, csvCell } from '../../lambdas/core/export/csv';
import { claimsToStix, uuidv5 } from '../../lambdas/core/export/stix';
import { syntheticClaim } from './seed';

const claims = Array.from({ length: 30 }, (_, i) => syntheticClaim(i));

/** Minimal RFC 4180 parser, to read our own output back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1+2', "'=1+2"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-2', "'-2"],
    ['@cmd', "'@cmd"],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    [' padded', '" padded"'],
  ])('cell %j → %s', (input, out) => expect(csvCell(input)).toBe(out));

  it('numbers stay numbers, empty values are empty', () => {
    expect(csvCell(0.5)).toBe('0.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('round-trips through an RFC 4180 reader with one row per claim', () => {
    const rows = parseCsv(claimsToCsv(claims));
    expect(rows).toHaveLength(claims.length + 1);
    const header = rows[0]!;
    expect(rows.every((r) => r.length === header.length)).toBe(true);
    const title = header.indexOf('article_title');
    expect(rows[1]![title]).toBe(`'${claims[0]!.articleTitle}`);
    expect(rows[2]![header.indexOf('id')]).toBe(claims[1]!.id);
  });
});

describe('STIX 2.1', () => {
  const ID =
    /^([a-z][a-z0-9-]+)--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  const TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
  const bundle = claimsToStix(claims);
  const byId = new Map(bundle.objects.map((o) => [o.id, o]));
  const ofType = (t: string) => bundle.objects.filter((o) => o.type === t);

  it('is a bundle of well-formed 2.1 objects with unique ids', () => {
    expect(bundle.type).toBe('bundle');
    expect(bundle.id).toMatch(/^bundle--/);
    expect(byId.size).toBe(bundle.objects.length);
    for (const o of bundle.objects) {
      expect(o.spec_version).toBe('2.1');
      expect(o.id).toMatch(ID);
      expect(o.id.split('--')[0]).toBe(o.type);
      expect(o.created).toMatch(TS);
      expect(o.modified).toMatch(TS);
      expect(o.modified >= o.created).toBe(true);
      if (o.created_by_ref) expect(byId.get(o.created_by_ref as string)?.type).toBe('identity');
    }
  });

  it('has reports, accused as intrusion sets or threat actors, and valid relationships', () => {
    expect(ofType('report')).toHaveLength(claims.length);
    expect(ofType('intrusion-set').map((o) => o.name)).toEqual(
      expect.arrayContaining(['APT28', 'Volt Typhoon', 'LockBit']),
    );
    expect(ofType('threat-actor').map((o) => o.name)).toEqual(expect.arrayContaining(['Russia']));
    const allowed: Record<string, [string[], string[]]> = {
      'attributed-to': [['campaign'], ['intrusion-set', 'threat-actor']],
      targets: [
        ['intrusion-set', 'threat-actor'],
        ['identity', 'location'],
      ],
    };
    for (const r of ofType('relationship')) {
      const [from, to] = allowed[r.relationship_type as string]!;
      expect(from).toContain(byId.get(r.source_ref as string)!.type);
      expect(to).toContain(byId.get(r.target_ref as string)!.type);
    }
    expect(ofType('relationship').some((r) => r.relationship_type === 'targets')).toBe(true);
    for (const rep of ofType('report')) {
      expect(rep.published).toMatch(TS);
      for (const ref of rep.object_refs as string[]) expect(byId.has(ref)).toBe(true);
    }
  });

  it('records a denial as a strongly-disagree opinion on the report and the attribution', () => {
    const denied = claims.filter((c) => c.hasDenial);
    const opinions = ofType('opinion');
    expect(opinions).toHaveLength(denied.length);
    for (const o of opinions) {
      expect(o.opinion).toBe('strongly-disagree');
      const refs = (o.object_refs as string[]).map((r) => byId.get(r)!.type).sort();
      expect(refs).toEqual(['relationship', 'report']);
    }
  });

  it('is deterministic: the same claims give the same bundle in any order', () => {
    expect(
      JSON.stringify(
        claimsToStix([...claims].reverse())
          .objects.map((o) => o.id)
          .sort(),
      ),
    ).toBe(JSON.stringify(bundle.objects.map((o) => o.id).sort()));
    expect(claimsToStix(claims)).toEqual(bundle);
  });

  it('uuidv5 matches the RFC 4122 reference value', () => {
    // uuid.v5('www.example.com', uuid.v5.DNS)
    expect(uuidv5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });
});
