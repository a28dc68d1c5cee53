/**
 * Whether a state or organ mention is the party blamed in its sentence. The rules are read in
 * order and the first that decides, decides; each is named by the pattern it rests on, which
 * `--explain` prints beside the verdict.
 */
import type { Sentence } from '../document';
import { note, tracing } from '../explain';
import type { Mention } from '../gazetteer';
import { CYBER_CUE } from '../lexicon';
import { ACCUSED } from '../patterns/accused';
import { ACCUSERS } from '../patterns/accusers';
import { DESCRIBE } from '../patterns/describe';
import type { Pattern } from '../patterns/format';
import { NOT_ACCUSED } from '../patterns/not-accused';
import { ACCUSED_RULES } from '../patterns/rules';
import { CONTEXT } from '../patterns/context';
import { SUBJECT } from '../patterns/subject';
import { CAP_WORD } from './accusers';
import { CONTEXT_RULES } from './accused-context';
import { operationAfter, SUBJECT_RULES, wordsAfterSubject } from './accused-subject';
import { MentionView } from './mention-view';

/** A rule's verdict: accused, not accused, or no say. */
export type Verdict = boolean | undefined;

export interface AccusedRule {
  /** The id of the pattern the rule rests on (or of the rule itself). */
  id: string;
  decide(v: MentionView): Verdict;
}

const DESCRIPTION_RULES: AccusedRule[] = [
  {
    // "…whether a foreign ministry was behind it", "if Russia hacked…": not asserted.
    id: DESCRIBE.notAsserted.id,
    decide: (v) =>
      v.before.slice(-8).some((t) => DESCRIBE.notAsserted.test(t.norm)) ? false : undefined,
  },
  { id: ACCUSED_RULES.demonymOfActor.id, decide: demonymOfActor },
  {
    // "made the attack look like the work of North Korean hackers": a false flag.
    id: NOT_ACCUSED.falseFlag.id,
    decide: (v) =>
      admitsFalseFlag(v.s) &&
      NOT_ACCUSED.falseFlag.test(v.s.text.slice(Math.max(0, v.m.start - 200), v.m.start))
        ? false
        : undefined,
  },
  {
    // "it is common for Chinese hackers to…": a generality.
    id: NOT_ACCUSED.genericStatement.id,
    decide: (v) =>
      NOT_ACCUSED.genericStatement.test(v.s.text.slice(Math.max(0, v.m.start - 60), v.m.start))
        ? false
        : undefined,
  },
  {
    // "former U.S. intelligence operatives", "ex-NSA staff".
    id: NOT_ACCUSED.formerMember.id,
    decide: (v) => {
      const last = v.before.slice(-2).map((t) => t.norm);
      return NOT_ACCUSED.formerMember.test(last.join(' ')) ||
        NOT_ACCUSED.formerMember.test(last[last.length - 1] ?? '')
        ? false
        : undefined;
    },
  },
  // "a London cyber broker": the city, not its government.
  notAfterWord(NOT_ACCUSED.placeNotState, (v) => v.m.form === 'metonym'),
  { id: NOT_ACCUSED.organOfOtherState.id, decide: organOfOtherState },
  // "its cyber command": a body of whoever "its" is.
  notAfterWord(
    NOT_ACCUSED.ownedByPronoun,
    (v) => v.e.type === 'organ' && v.m.text === v.m.text.toLowerCase(),
  ),
  { id: NOT_ACCUSED.victimCompound.id, decide: victimCompound },
  {
    // "possible U.S. cyberattacks", "any future Chinese hacking": a hypothetical, not a claim.
    id: DESCRIBE.hypotheticalModifier.id,
    decide: (v) =>
      v.before
        .slice(-3)
        .map((t) => t.norm)
        .some((w) => DESCRIBE.hypotheticalModifier.test(w))
        ? false
        : undefined,
  },
  {
    id: DESCRIBE.soCalled.id,
    decide: (v) => {
      const words = v.before.map((t) => t.norm);
      return DESCRIBE.soCalled.test(words.slice(-3).join(' ')) ||
        DESCRIBE.soCalled.test(words[words.length - 1] ?? '')
        ? false
        : undefined;
    },
  },
  {
    id: DESCRIBE.sympathizer.id,
    decide: (v) =>
      DESCRIBE.sympathizer.test(
        v.before
          .slice(-2)
          .map((t) => t.norm)
          .join(' '),
      )
        ? false
        : undefined,
  },
  { id: DESCRIBE.headlineVersus.id, decide: headlineVersus },
  { id: DESCRIBE.objectOfOperation.id, decide: objectOfOperation },
  {
    // "members of the Slovak government were victims of spear phishing": a victim, not a doer.
    id: SUBJECT.victimOf.id,
    decide: (v) => (SUBJECT.victimOf.test(wordsAfterSubject(v)) ? false : undefined),
  },
  { id: ACCUSED.linkSuffix.id, decide: linkedSuffix },
  { id: ACCUSED.hackerNoun.id, decide: describedAsHackers },
];

const RULES: AccusedRule[] = [...DESCRIPTION_RULES, ...CONTEXT_RULES, ...SUBJECT_RULES];

/** Whether a country or organ mention is the party being blamed in this sentence. */
export function isAccusedMention(m: Mention, s: Sentence): boolean {
  const v = new MentionView(m, s);
  for (const rule of RULES) {
    const verdict = rule.decide(v);
    if (verdict === undefined) continue;
    if (tracing())
      note({
        stage: 'roles',
        what: verdict ? 'accused' : 'not accused',
        pattern: rule.id,
        sentence: s.index,
        subject: m.text,
      });
    return verdict;
  }
  return false;
}

/**
 * "compromised the email account of a staff member of Russia's foreign ministry": inside the
 * object of an operation verb — unless the words before tie it to the operation ("targeted
 * companies on behalf of China").
 */
function objectOfOperation(v: MentionView): Verdict {
  const before = v.s.text.slice(Math.max(0, v.m.start - 90), v.m.start);
  if (!DESCRIBE.objectOfOperation.test(before)) return undefined;
  if (DESCRIBE.agencyInObject.test(v.beforeNorm) || CONTEXT.tiedTo.test(v.beforeNorm))
    return undefined;
  return false;
}

/** Not accused when `when` holds and the word just before the mention matches `p`. */
function notAfterWord(p: Pattern, when: (v: MentionView) => boolean): AccusedRule {
  return {
    id: p.id,
    decide: (v) =>
      when(v) && p.test(v.before[v.before.length - 1]?.norm ?? '') ? false : undefined,
  };
}

const falseFlagWords = new WeakMap<Sentence, boolean>();

/** Whether the sentence has a false flag's words at all (read once per sentence). */
function admitsFalseFlag(s: Sentence): boolean {
  let yes = falseFlagWords.get(s);
  if (yes === undefined) falseFlagWords.set(s, (yes = NOT_ACCUSED.falseFlag.admits(s.text)));
  return yes;
}

/** "the Main Intelligence Directorate of Ukraine's Defence Ministry": another state's body. */
function organOfOtherState(v: MentionView): Verdict {
  const { m, s, after } = v;
  if (v.e.type !== 'organ' || !NOT_ACCUSED.organOfOtherState.test(after[0]?.norm ?? ''))
    return undefined;
  const next = s.mentions.find((o) => o.tokenStart >= m.tokenEnd + 1);
  if (!next || next.tokenStart > m.tokenEnd + 2 || next.entity.type !== 'country') return undefined;
  return next.entity.country !== v.e.country ? false : undefined;
}

const MODAL_BEFORE = /^(?:could|would|can|may|might|will|to|did|does|do|cannot|should)$/;
const OBJECT_AFTER = /^(?:the|a|an|its|their|our|into|us|them)$/;

/**
 * "claims Montenegro hack", "the Ukraine grid hack": a country's name (not its demonym) before
 * a singular operation noun names the victim — unless the noun is a verb ("could China hack the
 * grid").
 */
function victimCompound(v: MentionView): Verdict {
  const { m, after, before } = v;
  if (v.e.type !== 'country' || m.form !== 'name' || m.possessive) return undefined;
  let k = 0;
  while (k < 2 && after[k] && NOT_ACCUSED.victimCompoundNoun.test(after[k]!.norm)) k++;
  const w = after[k]?.norm ?? '';
  if (!NOT_ACCUSED.victimCompound.test(w)) return undefined;
  if (
    w === 'attack' &&
    !/^(?:the|a|an|this|that|last|its)$/.test(before[before.length - 1]?.norm ?? '')
  )
    return undefined;
  if (
    k === 0 &&
    (MODAL_BEFORE.test(before[before.length - 1]?.norm ?? '') ||
      OBJECT_AFTER.test(after[1]?.norm ?? ''))
  )
    return undefined;
  return false;
}

/** A headline "<attacker> vs. <target>": the side before it did it, the side after it was hit. */
function headlineVersus(v: MentionView): Verdict {
  if (v.s.index !== 0 || v.s.paragraphIndex !== 0) return undefined;
  const vs = DESCRIBE.headlineVersus.exec(v.s.text);
  if (!vs) return undefined;
  return v.m.start < vs.index;
}

/** "APT41, a Chinese group that…": the demonym describes the actor named just before. */
function demonymOfActor(v: MentionView): Verdict {
  const { m, s, before } = v;
  const prevMention = s.mentions.filter((o) => o.tokenEnd <= m.tokenStart).pop();
  if (
    m.form === 'demonym' &&
    prevMention?.entity.type === 'actor' &&
    m.tokenStart - prevMention.tokenEnd <= 2 &&
    before
      .slice(-(m.tokenStart - prevMention.tokenEnd))
      .every((t) => /^(a|an|the)$/.test(t.norm)) &&
    /,\s*(?:a|an|the)?\s*$/.test(s.text.slice(prevMention.end, m.start))
  )
    return false;
  return undefined;
}

/** "<Country>-linked …", "<Country>-backed hackers"; "China-based hackers" but not "a Singapore-based exchange". */
function linkedSuffix(v: MentionView): Verdict {
  const { after } = v;
  if (after[0]?.norm === '-' && after[1] && ACCUSED.linkSuffix.test(after[1].norm)) {
    // "Iran-backed Hamas" in a sentence about the war, not about the cyber operation.
    if (
      NOT_ACCUSED.sponsorOfNonCyber.test(after[1].norm) &&
      !v.s.cyber &&
      after[2] &&
      !ACCUSED.hackerNoun.test(after[2].norm) &&
      !v.s.mentions.some((o) => o.tokenStart === v.m.tokenEnd + 2 && o.entity.type === 'actor')
    )
      return false;
    if (after[1].norm !== 'based') return true;
    if (
      after
        .slice(2, 5)
        .some((t) => ACCUSED.hackerNoun.test(t.norm) && !DESCRIBE.notAHackerAfterBased.test(t.norm))
    )
      return true;
  }
  return undefined;
}

/**
 * "Chinese (state-sponsored) hackers", "Russian military intelligence", "U.S. cyberoperations":
 * the words after the mention describe hackers. Another party's mention ends this one's
 * description ("the AIVD and the military intelligence service MIVD": MIVD's words are not AIVD's).
 */
function describedAsHackers(v: MentionView): Verdict {
  const { m, s, after, before } = v;
  const nextMention = s.mentions.find((o) => o.tokenStart >= m.tokenEnd);
  for (let k = 0; k < after.length; k++) {
    if (nextMention && m.tokenEnd + k >= nextMention.tokenStart) break;
    // "the NCSC and cyber units at two banks": after "and", another party's description begins.
    if (
      /^(and|or)$/.test(after[k]!.norm) &&
      (/^(the|a|an|its|their)$/.test(after[k + 1]?.norm ?? '') ||
        (k === 0 && ACCUSED.coordinatedNoun.test(after[k + 1]?.norm ?? '')))
    )
      break;
    const w = after[k]!.norm;
    // "according to the FBI, cyber criminals stole…": a comma ends the description.
    if (k === 0 && /[,;:]/.test(s.text.slice(m.end, after[0]!.start))) break;
    // "hackers targeting U.S. campaigns": the object of an operation verb is its target.
    // "hacked South Korea's cyber command": the unit of the victim.
    if (
      (k === 0 || (k === 1 && m.possessive)) &&
      DESCRIBE.operationVerbBefore.test(before[before.length - 1]?.norm ?? '')
    )
      break;
    // "North Korean IT workers" who hack for their state.
    if (
      w === 'workers' &&
      DESCRIBE.itWorkers.test(after[k - 1]?.norm ?? '') &&
      CYBER_CUE.test(s.text)
    )
      return true;
    if (ACCUSED.hackerNoun.test(w)) {
      const verdict = hackerNounVerdict(v, k, w);
      if (verdict === 'next') continue;
      return verdict;
    }
    if (!ACCUSED.filler.test(w) && !(m.possessive && k === 0)) break;
  }
  return undefined;
}

/** "a Romanian hacker", "the 24-year-old Bulgarian hacker": one person's article before the demonym. */
function singleBefore(v: MentionView): boolean {
  for (let i = v.before.length - 1; i >= Math.max(0, v.before.length - 6); i--) {
    const w = v.before[i]!.norm;
    if (/^(?:a|an|the|one)$/.test(w)) return true;
    if (!ACCUSED.personBeforeDemonym.test(w)) return false;
  }
  return false;
}

/** The verdict on a hacker noun found `k` words after the mention; 'next' reads on. */
function hackerNounVerdict(v: MentionView, k: number, w: string): boolean | 'next' {
  const { m, s, after, tokens } = v;
  // "the State Department hack": what was hacked.
  if (v.e.type === 'organ' && k === 0 && !m.possessive && DESCRIBE.hackCompound.test(w))
    return false;
  // "a German cyber-security firm": the security trade.
  if (
    w === 'cyber' &&
    after[k + 1]?.norm === '-' &&
    DESCRIBE.securityTrade.test(after[k + 2]?.norm ?? '')
  )
    return false;
  // "FBI agents investigated…" accuse no one; "FSB operatives hacked…" do.
  if (v.e.type === 'organ' && DESCRIBE.lawEnforcementPeople.test(w)) return operationAfter(v, k);
  // "the Romanian hacker who broke into…": one person of that nationality, not the state.
  if (
    w === 'hacker' &&
    m.form === 'demonym' &&
    k === 0 &&
    singleBefore(v) &&
    !ACCUSED.groupAfterHacker.test(after[k + 1]?.norm ?? '')
  )
    return false;
  // "Spanish hacker Jose Rodriguez found…": one person of that nationality, not the state.
  if (
    w === 'hacker' &&
    m.form === 'demonym' &&
    CAP_WORD.test(tokens[m.tokenEnd + k + 1]?.raw ?? '')
  )
    return false;
  // "Chinese hackers could in theory disrupt pipelines": a capability, not an operation
  // ("may have stolen" is still a claim, hedged).
  const modal = tokens.slice(m.tokenEnd + k + 1, m.tokenEnd + k + 3).map((t) => t.norm);
  if (DESCRIBE.capabilityModal.test(modal[0] ?? '') && modal[1] !== 'have' && modal[1] !== 'not')
    return false;
  // "a Chinese cyber emergency response team", "the U.S. cyber agency": an institution speaking.
  // ("…government agencies to spy on dissidents" still do an operation.)
  if (
    /^(cyber|state|national|government)$/.test(w) &&
    DESCRIBE.institutionNoun.test(after[k + 1]?.norm ?? '') &&
    !operationAfter(v, k + 1)
  )
    return false;
  // "Chinese government said" → speaker, not accused; "Chinese government hackers" → accused.
  if (DESCRIBE.governmentNoun.test(w)) return governmentNounVerdict(v, k, w);
  // "Seoul's hacking probe": the owner of an inquiry into an operation, not its doer ("the
  // Russian hacking investigation" still names the suspect — unless another state was named
  // before it: "Moscow finds U.S. hacking charge 'flattering'").
  if (
    (m.possessive ||
      s.mentions.some(
        (o) =>
          o.tokenEnd <= m.tokenStart &&
          (o.entity.type === 'country' || o.entity.type === 'organ') &&
          !o.entity.bloc &&
          o.entity.country !== v.e.country,
      )) &&
    DESCRIBE.inquiryNoun.test(after[k + 1]?.norm ?? '') &&
    w !== 'military' &&
    w !== 'intelligence'
  )
    return false;
  return true;
}

/** "Chinese government hackers" accuse; "the Russian government said" speaks. */
function governmentNounVerdict(v: MentionView, k: number, w: string): boolean | 'next' {
  const { m, after, before, tokens, e } = v;
  const next = after[k + 1]?.norm ?? '';
  if (DESCRIBE.governmentHackers.test(next)) return true;
  // "Russian government-backed hackers" (not "Slovak government - 2021").
  if (next === '-' && ACCUSED.linkSuffix.test(after[k + 2]?.norm ?? '')) return true;
  if (e.type === 'organ' || w === 'intelligence' || w === 'military') {
    // "Russian military intelligence" is accused unless it speaks ("German intelligence had
    // concluded that…").
    const aux = /^(has|have|had|is|was|were|are)$/;
    if (ACCUSERS.speechVerb.test(next) && !aux.test(next)) return false;
    const then = after[k + 2]?.norm ?? '';
    if (/^(has|have|had)$/.test(next) && ACCUSERS.speechVerb.test(then) && !aux.test(then))
      return false;
    // "Russian intelligence services were behind…" accuses; "…services said…" speaks.
    if ((w === 'military' || w === 'intelligence') && DESCRIBE.servicesNoun.test(next)) {
      // "charged two Russian intelligence officers over…": the object of a charge.
      if (before.slice(-3).some((t) => ACCUSED.chargeVerb.test(t.norm))) return true;
      // Only with an operation after it: "…were behind", "…hacked", "…targeted".
      const rest = tokens
        .slice(m.tokenEnd + k + 2, m.tokenEnd + k + 6)
        .map((t) => t.norm)
        .join(' ');
      return DESCRIBE.servicesOperation.test(rest);
    }
    // "Ukrainian military forums", "a Russian military officer" only describe.
    if (w === 'military' || w === 'intelligence') return DESCRIBE.militaryNext.test(next);
  }
  return 'next';
}
