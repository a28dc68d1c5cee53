/**
 * Cue words shared by the prefilter and the detector. Regexes are built once at module load.
 */

/** Words that make a text about cyber operations. */
export const CYBER_CUE =
  /\b(cyber\w*|hack(?:s|ed|er|ers|ing)?|breach(?:ed|es|ing)?(?! (?:(?:the|its|their|\w+(?:ian|ish|ese|i))\s)?(?:airspace|borders?|ceasefire|truce|contracts?|agreements?|rules|sanctions|duty|dams?|levees?|walls?|defen[cs]es|lines))|intrusions?|malware|ransomware|spyware|wiper|computer worms?|spoofed (?:e-?mails?|messages?|websites?|accounts?|domains?)|(?:obtained|stole|accessed|acquired) voter (?:registration )?(?:data|information|rolls|records)|(?:stuxnet|conficker|notpetya|wannacry|flame|duqu|industroyer|triton|shamoon) (?:worm|virus|malware|attacks?)|stuxnet|notpetya|wannacry|botnets?|ddos|denial[- ]of[- ]service|phishing|spear-?phishing|zero-?days?|exploit(?:s|ed|ing)?|vulnerabilit(?:y|ies)|infiltrat\w+|compromis(?:e|ed|ing)|backdoors?|trojans?|apt\s?\d+|threat actors?|state-(?:sponsored|backed|linked) (?:hack|group|actor)\w*|data (?:breach|leak|theft)|leak site|cyberattacks?|cyber-?espionage|supply[- ]chain attack|networks? (?:were|was) (?:penetrated|accessed)|unauthori[sz]ed access|encrypt(?:ed|ing) (?:files|systems|servers)|stole(?:n)? (?:data|emails|credentials|files|records|secrets)|email accounts?|servers?|hacktivists?|cryptocurrency heist|crypto heist|(?:theft|stole|stealing|stolen|laundering) of [^.]{0,40}?(?:cryptocurrency|crypto|digital assets|bitcoin|ether)|(?:stole|steal|stealing|stolen|drained|siphoned|looted) [^.]{0,30}?(?:bitcoin|cryptocurrency|crypto|ether|tokens|digital assets)|crypto(?:currency)? exchange|(?:pegasus|predator|spyware|malware) infections?|infected (?:phones?|devices?|computers?|machines?|systems?|servers?|networks?)|wip(?:ed|es|ing) [^.]{0,40}?(?:hard (?:disks?|drives?)|data|computers|servers|systems)|malicious (?:programs?|code|software|links?|files?)|computer (?:fraud|intrusions?|crimes?|misuse|hacking)|(?:damaging|damage to|access to) protected computers)\b/i;

/** Phrases that carry an attribution (someone is said to be behind an operation). */
export const ATTRIBUTION_CUE =
  /\b(blam\w+|accus\w+|attribut\w+|allegation\w*|alleg\w+|linked to|tied to|connected to|behind (?:the|a|an|this|these|it)\b|responsib\w+|claimed (?:credit|responsibility)|took credit|carried out|orchestrat\w+|sponsor\w+|-backed|-linked|-affiliated|-nexus|state-backed|state-sponsored|pinned|pointed (?:the finger|to)|named|identified|tracked as|tracks as|calls? it|indict\w+|charged|sanction\w+|suspected|culprit|perpetrat\w+)\b/i;

/** Markers that start a reader-comment section; text after them is never reporting. */
export const COMMENT_MARKER =
  /^\s*(?:\d[\d,.]*\s+(?:comments?|responses|replies|reactions)|comments?(?:\s*\(\d+\))?|reader comments|join the conversation|leave a (?:comment|reply)|show comments|view comments|add (?:a|your) comment|what do you think\??|discussion)\s*:?\s*$/i;
