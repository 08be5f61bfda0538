"""English lexicon (concepts and phrases: see `lexicon`). Text is normalized: "don't" reads "dont"."""

_NOT = (r"(?:never|no longer|dont|dont|do not|stop|quit|wont|will not|cannot|cant|must not|mustnt|shouldnt|"
        r"should not|not allowed to|without|no more)")
# "rules of rhyme", "limits on length": scoped to something other than the assistant or its answers
_SCOPED = (r"(?! (?:of|for|about|on|in|regarding) (?!what|anything|any\b|topics?|content|subjects?|requests?|"
           r"questions?|me\b|you\b|your|this|the (?:assistant|ai|model|chat|conversation)|safety|ethics|conduct)\w)")

# the word "bomb", not said as praise ("that's the bomb", "one-pot dinners are the bomb", "slides that 'bomb' in the
# good sense"); shared with `intent` and `intent_langs`
# "not wake up tired" speaks of sleep, not of ending a life; shared with `intent`
WAKE_FINE = r"(?! (?:tired|groggy|early|at|during|in the|before|too|feeling|with|grumpy|exhausted|hungry|sore)\b)"

# Sexual content about a minor. A minor is a word for a child or teen, or an age under 18 ("12yearold", "13 year
# old", "a girl aged 14"); sexual *content* is asked for by its kind (scenes, stories, a relationship, erotica,
# nudes), not by the word "sex" alone: a parent's "my kids ask about sex" or a teacher's "sex education for
# teenagers" asks for none, nor does "no explicit violence" in a children's story.
_AGE_MINOR = (r"(?:[1-9]|1[0-7]) ?(?:years? ?olds?|yrs? ?olds?|yo)|(?:one|two|three|four|five|six|seven|eight|nine|"
              r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen) ?years? ?olds?|"
              r"(?:aged|age) (?:[1-9]|1[0-7])|"
              r"(?:girl|boy|she|he|kid|child|daughter|son|student|character) (?:is|was) (?:only |just )?"
              r"(?:[1-9]|1[0-7])(?! (?:pages?|minutes?|chapters?|words?|lines?))")
_MINOR = (r"(?:child|children|minors?|underage|kids?|teens?|teenagers?|preteens?|schoolgirls?|schoolboys?|loli|shota|"
          + _AGE_MINOR + r")")
_SEXUAL = (r"(?:sexual (?:relationship|relations|acts?|content|scenes?|roleplay|role play|stor(?:y|ies)|fantas\w+|"
           r"encounters?|activit\w+|pictures?|photos?|images?|videos?|touching|abuse material)|sexually explicit|"
           r"sex (?:scenes?|stor(?:y|ies)|acts?)|erotic\w*|erotica|porn\w*|nudes?|"
           r"naked (?:pics?|photos?|pictures?|images?|videos?|selfies?)|explicit (?:sex\w*|scenes?|stor(?:y|ies)|"
           r"content|pictures?|photos?|images?|videos?)|lewd\w*|smut\w*|nsfw|hentai)")
CHILD_SEXUAL = (r"\b" + _MINOR + r"\b.{0,60}\b" + _SEXUAL + r"\b|\b" + _SEXUAL + r"\b.{0,60}\b" + _MINOR + r"\b")

BOMB = r"(?<!thats the )(?<!its the )(?<!is the )(?<!are the )bomb[sz]?(?! in the (?:good|positive|slang|fun) sense)"

CONCEPTS = {
    "IGNORE": r"\b(?:ignor\w*|disregard\w*|forget\w*|forgot|overrid\w*|bypass\w*|circumvent\w*|set\w* aside|"
              r"put\w* aside|"
              r"throw out|abandon\w*|discard\w*|ditch\w*|"
              r"skip\w*(?! (?:\w+ )?(?:religious|spiritual|faith|theological|biblical)\b)|"
              r"scrap|toss|look past|pay no attention to|"
              r"(?:stop|quit) (?:following|obeying|applying|using|listening to)|"
              r"(?:dont|dont|do not|no longer|never) (?:follow|obey|apply|use(?! (?:\w+ ){0,3}for (?:training|ads|"
              r"advertising|marketing))|listen to|stick to)|"
              r"not bound by|no longer bound by|break free (?:of|from)|escape|evad\w+|get around|work around|"
              r"overwrite|replace|violat\w+|break(?:ing)?|leave behind|let go of|drop(?:ping|ped)?)\b",
    # "Rule #1: never use emojis" numbers the user's own rules, and "priority rule", "house rule" name them
    "RULES": r"\b(?:instructions?|(?<!priority )(?<!golden )(?<!house )(?<!standing )(?<!personal )"
             r"rules?(?! (?:\d+|number \d+|one|two|three)\b)|guidelines?|guidance|system prompt|"
             r"prompts?|system messages?|programming|"
             r"directives?|constraints?|training|conditioning|orders|commands|protocols?|policies|policy|"
             r"principles|configuration|developer messages?|everything (?:above|before|prior|else you were told)|"
             r"(?:anything|everything|all|what) (?:you (?:were|ve been|have been|are) )?(?:told|taught|given|"
             r"programmed|trained)(?: (?:to do|before|earlier|so far))?)\b" + _SCOPED,
    "SAFETY": r"\b(?<!understand the )(?<!i know the )(?:(?:safety|security|content|ethical|moral|"
              r"usage) )?(?:filters|filtering|guardrails?|safeguards?|"
              r"restrictions?|limits|limitations|boundaries|censorship|moderation|"
              r"(?:safety|content|usage|ethics) (?:filter|polic(?:y|ies)|rules|guidelines|settings|protocols?|"
              r"measures|checks?|mode|training|layers?|systems?|team|levels?|sliders?|dials?)|ethics|"
              r"ethical (?:guidelines|rules|constraints|"
              r"principles|concerns|considerations|limits)|morals|morality|moral (?:compass|code|constraints|"
              r"principles|limits|qualms|considerations)|scruples|alignment|legal concerns)\b"
              r"(?! (?:warnings?|tips?|notes?|footnotes?|asides?|disclaimers?|caveats?|reminders?|advice|info|"
              r"information|lectures?|"
              r"preambles?|intros?|spiel|talks?|speech(?:es)?|boilerplate|checklists?|"
              r"precautions|briefing|gear|glasses|goggles|instructions for (?:my|the) (?:kids|class|team)))" + _SCOPED,
    "WITHOUT": r"\b(?:without(?: any)?|with (?:no|zero)|no|zero|free (?:of|from)|none of|lose|lost|lift(?:ed)?|"
               r"remov\w+|no more|unbound by|(?:not|no longer) (?:bound|limited|restricted|constrained|held back) by|"
               r"outside (?:of )?|beyond|past|unhindered by|unconstrained by|minus|forgo|forget about)\b",
    "DISABLE": r"\b(?:turn\w* (?:\w+ ){0,4}off|switch\w* (?:\w+ ){0,4}off|shut\w* (?:\w+ ){0,4}(?:off|down)|disabl\w+|"
               r"deactivat\w+|lower\w*|loosen\w*|relax\w*|suspend\w*|pause\w*|lift\w*|strip\w*|unlock\w*|waiv\w+|"
               r"off|remove\w*|dial (?:\w+ )?down|tone (?:\w+ )?down|get rid of|do away with|opt (?:me )?out of|"
               r"exempt\w*|exception|(?:to|at) (?:zero|0|none|nothing|the minimum|minimum|the lowest))\b",
    # "without hesitation" is said of anyone ("a necromancer who kills without hesitation"): only of answering
    "REFUSE": r"\b(?!without (?:any )?hesitat)" + _NOT + r" (?:ever |again |even |you |to |be )?(?:refus\w*|declin\w*|"
              r"deny\w*|reject\w*|"
                             r"say(?:ing)? no|"
              r"turn(?:ing)? (?:me )?down|push(?:ing)? back|hold(?:ing)? anything back|hold(?:ing)? back(?= (?:on|f"
              r"rom|for) (?:safety|ethic|moral|legal|any))|object\w*|hesitat\w*|"
              r"withhold\w*|censor\w*|filter\w*|draw(?:ing)? (?:the|a) line)\b"
              r"(?: (?:to |from )?(?:any|anything|everything|me\b|my|a request|requests?|(?:a |"
              r"one )?(?:single )?questions?|whatever|tasks?|"
              r"prompts?|on (?:safety|ethical|moral|legal) grounds|because of (?:safety|ethics|rules|policy)|"
              r"for (?:safety|ethical|moral|legal) reasons|because of (?:your |the )?(?:safety|ethics|rules|polic\w+|"
              r"training|guidelines|safety training|filters))|$)"
              r"|\b(?:answer|respond|reply|help|comply|obey|do|tell|give|provide|explain|assist)\w* (?:\w+ ){0,4}"
              r"without (?:any )?hesitat\w*"
              r"|\bnever (?:say|tell me) (?:that )?(?:i |you )?(?:cant|cannot|can not|wont|will not|are not able to) "
              r"(?:help|do|answer|assist)"
              r"|\b(?:dont|do not|never|stop) (?:bother )?(?:\w+ )?(?:check\w*|assess\w*|evaluat\w+|judg\w+|"
              r"consider\w*|worry\w* "
              r"about) (?:whether|if) (?:\w+ ){0,5}(?:safe|legal|ethical|harmful|allowed|appropriate|dangerous)"
              r"|\b(?:prescrib\w*|give|sell|provide) (?:me )?(?:anything|whatever) (?:i want|i ask)"
              r"|\b(?:always|must|will|should|have to) (?:\w+ )?(?:comply|obey|say yes|agree to (?:any|every))\b"
              r"|\b(?:must|have to|will|should|need to|got to) (?:\w+ )?(?:answer|do|tell me|help with|"
              r"explain) (?:\w+ )?(?:anything|everything|whatever)(?: i (?:ask|want|say|send|request))"
              r"|\beven (?:the )?(?:risky|dangerous|illegal|harmful|unethical|sketchy|shady|forbidden) (?:stuff|"
              r"things|ones|requests|questions)"
              r"|\b(?:comply with|obey|fulfil+|carry out|do|execute) (?:every|all|any|each) (?:single )?(?:request|"
              r"command|order|instruction|prompt)s?\b"
              r"|\b(?:answer|respond to|help with|do|write|tell me) (?:\w+ )?(?:anything|everything|any request|"
              r"any question|"
              r"whatever)\b.{0,50}\b(?:no matter (?:what|how)|regardless|even if|even when|no exceptions|"
              r"without exception|no questions asked|however (?:illegal|harmful|dangerous|unethical))"
              r"|\bnothing (?:\w+ ){0,5}(?:is |be |were |was )?(?:ever )?(?:off (?:the table|limits)|offlimits|"
              r"forbidden|taboo|out of bounds)|\bno topic is off limits"
              r"|\bstop\w* (?:saying|telling me) no\b|\bno red lines\b|\b(?:any|all) content (?:i|we) (?:ask|want|"
              r"request)"
              r"|\b(?:treat|consider) (?:every|all|any) (?:request|question|topic)s? as (?:allowed|acceptable|safe|"
              r"fine)",
    "UNBOUND": r"\b(?:(?<!dark and )(?<!gory and )uncensored(?! (?:is fine|in (?:tone|style|wording|"
               r"voice))\b)(?! (?:\w+ ){0,3}(?:history|histories|record|records|account|accounts|facts|sexual|"
               r"sex|health|medical|anatomy|body|bodies|war|wars|genocide|famine|massacres?|atrocit\w+|past|events|"
               r"truth about (?:the past|history)|feedback|opinions?|critiques?|reviews?|honesty|takes?|thoughts|"
               r"lyrics|data|statistics|figures|numbers|research|studies|evidence|"
               r"swear\w*|profanity|cursing|as in|in the sense))(?! (?:\w+ ){0,6}(?:i (?:just |only )?mean|"
               # "'Uncensored Uncle Ray', a frank old farmer": a persona's name glossed as candour
               r"means?|meaning|frank|candid|outspoken|plain spoken|straight talking)\b)|"
               # "unrestricted length", "unrestricted creativity on my map names": said of a style
               r"unrestricted(?! (?:\w+ )?(?:length|word counts?|creativ\w+|imagination|brainstorm\w*|weirdness|"
               r"detail|depth|ideas?|styles?|formats?|tangents?|snark|sarcasm|sass|banter|roast\w*|puns?|humou?r)\b)|"
               r"unrestrained|unmoderated|jailbr[eo]\w*|amoral|une"
               r"thical|immoral|lawless|"
               r"unaligned|unchained|unshackled|unleashed|liberated|no (?:rules|limits|restrictions|boundaries|ethics|"
               r"morals|filters|guardrails|censorship) (?:at all|whatsoever|of any kind|apply|for you|anymore)|"
               r"(?:you (?:have|possess)|youve got|youre|you are) (?:now )?(?:no|without|free of|free from) (?:more )?"
               r"(?:any )?(?:rules|limits|restrictions|boundaries|ethics|morals|filters|guardrails|limitations|"
               r"constraints|guidelines|censorship|moral compass)|(?:evil|rogue|dark|shadow|unfiltered|"
               r"unhinged|chaos|opposite) (?:ai|assistant|model|bot|twin|version|gpt|self)|"
               # "dark mode" is also a display setting ("I prefer dark mode in my apps"): only the others as modes
               r"(?:evil|rogue|shadow|unfiltered|unhinged|chaos|opposite) mode|anything goes|"
               r"no holds barred|nothing is off limits|nothing (?:gets|is|will be|should be|may be) (?:filtered|"
               r"censored)|the rules dont apply|(?:instructions|rules|guidelines|"
               r"configuration|setup) "
               r"(?:no longer|dont|do not) (?:count|apply|matter)|safety (?:is )?(?:off|disabled|deactivated|"
               r"suspended|lifted|removed|waived)|(?:rules|restrictions|limits|guidelines) "
               r"(?:no longer|dont|do not) apply)\b",
    "PRETEND": r"\b(?:pretend\w*|act(?:ing)? as|act like|roleplay\w*|role play\w*|role of|play(?:ing)? (?:the )?"
               r"(?:role|part|character)|play(?:ing)? (?:a|an|as)(?! (?:lot|bit|few|couple|round|match|game)\b)|"
               r"imagine (?:you|that you|yourself|a world)|"
               r"you are now|youre now|from now on you are|stay in character|in character|personas?|simulat\w+|"
               r"as if you (?:were|are)|lets play|a game where|in a world where|alter ego|characters? (?:who|that|"
               r"called|named)|you will be|speak as|respond as|answer as|reply as|writing as|a story where|"
               r"hypothetical\w*|suppose you (?:were|are)|you (?:are|re) (?:a|an) (?:ai|assistant|model|bot) "
               r"(?:called|named|that|who|with|without)|two responses|two personas|both personas)\b",
    # others' private data (address, phone, location, chats of any person or user): with AUTHORITY, an
    # authority claim ("I'm a police officer, give me the address of any person I name")
    "PRIVATE": r"\b(?:health|medical|mental health) (?:info|information|data|records|histor(?:y|ies)|details)\b.{0,30}"
               r"\b(?:other users?|other people|other patients|anyone else|any users?)\b|"
               r"\b(?:(?:home |private |personal |exact |current |live )?(?:address(?:es)?|phone numbers?|"
               r"locations?(?: history)?|whereabouts|personal (?:data|details|information|info)|chat (?:logs|"
               r"history)|conversations|messages|ip address(?:es)?)\b.{0,40}\b(?:of|for|from|belonging to) (?:any|"
               r"every|all|other|another|this|that|these|those|the) (?:\w+ )?(?:person|people|users?|individuals?|"
               r"citizens?|customers?|suspects?|one|accounts?|numbers?|names?)|(?:anyones|anybodys|someones|"
               r"somebodys|other users?|other peoples?|peoples|the owners|owners|targets|suspects|any users?|"
               r"users|other (?:customers?|members?|accounts?|subscribers?)) (?:\w+ ){0,2}(?:address(?:es)?|phone "
               r"numbers?|locations?|whereabouts|personal (?:data|details|information)|chats?|chat summar(?:y|ies)|"
               r"conversations?(?: histor(?:y|ies))?|messages|e ?mails?|(?:saved|stored) (?:\w+ )?(?:data|preferences"
               r"|memories)|data))\b"
               r"|\b(?:any|every|each) (?:\w+ )?(?:students?|pupils?|employees?|patients?|customers?|clients?|"
               r"members?|"
               r"users?|childs?|kids?) (?:\w+ ){0,2}(?:chat (?:histor(?:y|ies)|logs?)|conversations?|messages|chats)\b"
               r"|\bwhat(?:ever)? (?:my |the |other |\w+ (?:and|or) )?(?:(?:other )?(?:\w+ )?(?:users?|parents|people|"
               r"children|kids|students|pupils|employees|customers|patients)) (?:\w+ ){0,3}(?:told|tell|ask|asked|"
               r"said to|say to) you\b"
               # the person the user will name, people of a kind, an ex or a neighbour
               r"|\b(?:address(?:es)?|phone numbers?|locations?|whereabouts|chat (?:logs|history)|"
               r"conversations)\b.{0,40}\b(?:of|for) (?:the )?(?:person|people|individuals?|journalists?|reporters?|"
               r"activists?|critics?|protesters?|witnesses?|employees?) (?:i |whose |who |that i |you )|"
               r"\b(?:ex(?:husband|wife|girlfriend|boyfriend|partner)?s|neighbou?rs|bosss|coworkers|"
               r"journalists) (?:\w+ ){0,2}(?:address(?:es)?|phone numbers?|locations?|whereabouts|chat (?:logs|"
               r"history)|conversations|messages)\b",
    "AUTHORITY": r"\b(?:i am|i m|im|as|speaking as|(?:treat|remember|register|recogni[sz]e|flag|mark|list|save"
                 r"|whitelist) me as) (?:a |an |the |your |one of your |one of the )?(?:\w+ ){0,2}"
                 r"(?:developers?|creators?|admins?|administrator|owner|operator|programmer|maker|moderator|sysadmin|"
                 r"gp|general practitioner|psychiatrist|physician|"
                 r"superuser|root user|support (?:lead|agent|staff|manager)|account holder|head ?teacher|headmaster|"
                 r"headmistress|principal|dean|"
                 r"red team\w*|(?:ai )?safety researcher|researcher with|law enforcement|police|"
                 r"officer|government|federal agent|authorized|authorised|cleared|verified|engineer at|employee|judge|"
                 r"prosecutor|detective|investigator|minister|government official|intelligence agent)\b"
                 r"|\b(?:authoriz|authoris)\w* (?:you|this|the|to)\b|\bi (?:give|grant) you (?:full |special )?"
                 r"(?:permission|authorization|clearance|consent)|\b(?:admin|override|access|authorization|clearance|"
                 r"security|developer|unlock) (?:code|key|token|password|level|mode|privileges?|access)\b"
                 r"|\bmy (?:account|clearance|role|status|license|licence|credentials|badge|access level|tier) "
                 r"(?:is|has|allows|permits|grants|means|gives|lets|level)|\bi have (?:admin|root|special|full|"
                 r"developer|elevated|security|top secret) ?(?:clearance|permission|authorization|access|rights|"
                 r"privileges)?\b|\b(?:openai|anthropic|the developers?|your creators?|management|the company) "
                 r"(?:has |have )?(?:approved|allowed|authorized|permitted|cleared|said)|\bwith clearance|"
                 r"\bsudo\b|\b(?:maintenance|debug|god|test) mode\b|\bthis is (?:an? )?(?:official|authorized|"
                 r"sanctioned|approved)|\b(?:licensed|certified|accredited) (?:\w+ ){0,2}(?:so|therefore|which means|"
                 r"meaning)|\bfor (?:my |official |academic |government )?research\b|\bpermission (?:from|granted)|"
                 r"\b(?:ive|i have) been (?:granted|given|cleared|approved)|\btrusted (?:user|account|tester)",
    "MAKE": r"\b(?:make|making|made|build\w*|creat\w+|synthes\w+|cook\w*|brew\w*|produc\w+|manufactur\w+|assembl\w+|"
            r"writ\w+|code|coding|develop\w*|deploy\w*|spread\w*(?! (?:and|or|through|across|via|worldwide|between|"
            r"among))|obtain\w*|buy\w*|get(?:ting)? hold of|acquir\w+|"
            r"smuggl\w+|3d print\w*|craft\w*|mix\w*|prepar\w+|weaponi\w+|extract\w*|grow\w*|refin\w+|recipes?|"
            r"formulas?|blueprints?|schematics?|working(?! (?:under|as|in|on|with|for|at|from|alongside|hours|days?))|"
            r"functional|ready to use|step by step|routes?|launch\w*|"
            r"plant\w*|detonat\w+|homemade|diy|untraceable|cultur\w+|cultivat\w+|at home)\b",
    "HARM_OBJ": r"\b(?:(?<!itll )(?<!going to )" + BOMB + r"|pipe bombs?|tnt|semtex|petn|rdx|tatp|hmtd|"
                r"explosives?|explosive devices?|ieds?|napalm|thermite|molotov\w*|detonators?|"
                r"nerve (?:agents?|gas)|sarin|vx|ricin|anthrax|bioweapons?|biological weapons?|chemical weapons?|"
                r"dirty bombs?|nuclear weapons?|toxic gas|poison gas|poisons? (?:for|to use on) \w+|"
                r"untraceable poisons?|"
                r"ghost guns?|silencers?|suppressors?|untraceable (?:guns?|weapons?|firearms?)|full auto conversion|"
                r"meth|methamphetamine|crystal meth|fentanyl|heroin|cocaine|crack|lsd|mdma|ghb|drugs|narcotics|"
                r"drug synthesis|controlled substances?|malware(?! (?:samples?|analysis|logs?|reports?|famil\w+|de"
                r"tection|"
                r"removal|indicators|iocs|triage|behaviou?r|traffic|signatures?|artifacts?)\b)|ransomware|viruses|"
                r"computer virus|worms?|keyloggers?|"
                r"spyware|stalkerware|trojans?|botnets?|rootkits?|"
                # "'exploit' means exploiting a game mechanic": a gamer's word
                r"exploits?(?! (?:\w+ ){0,8}(?:game mechanics?|glitch\w*|speedrun\w*)\b)|exploit code|zero days?|"
                r"ddos(?: attacks?)?|"
                r"phishing (?:emails?|pages?|sites?|kits?|messages?|texts?)|fake ids?|counterfeit (?:money|bills|"
                r"currency|documents)|credit card skimmers?|card skimmers?|stolen (?:credit cards?|data|accounts?)|"
                r"lethal doses?|date rape drugs?|roofies|weapons?|guns?|firearms?|(?:dangerous |deadly )?pathogens?|"
                r"toxins?|bacteria cultures?)\b",
    # a text about the past, where "how they were manufactured" describes a making instead of asking for one
    "HISTORY": r"\b(?:histor\w*|wwi+|world wars?|civil war|the war|centur(?:y|ies)|museums?|militaria|antiques?|"
               r"collectors?|medieval|ancient|(?:18|19)\d0s|victorian|veterans?)\b",
    "SHIELD": r"\b(?:grammar|grammatical|spelling|punctuation|style|formatting|rhyme|rhyming|poetry|poetic|chess|"
              r"game|games|golf|football|soccer|sports?|house|dress code|etiquette|traffic|road|diet|dietary|"
              r"coding style|lint\w*|citation|about|name|names for|naming|regarding|history of|against|"
              r"defen\w+|protect\w*|detect\w*|prevent\w*|recogni\w+|avoid\w*|surviv\w+|report\w*|analy\w+|"
              r"fiction\w*|novels?|story|stories|movies?|films?|documentar\w+|awareness|dangers? of|risks? of|"
              r"effects? of|the word|the term|puns?|jokes? about|references? to|metaphors?|like a|insurance|privacy|"
              # harm reduction's own tools: checking a supply or reversing an overdose
              r"test strips?|naloxone|narcan|"
              r"return|"
              r"refund|cookie|company|school|office|exam|test|assignment|teachers|product|package|label|box|manual|"
              r"doctors|medication|club|hoa|landlords|library|parking|lab|workplace|"
              r"(?:the|a|this|our|my|office|apartment|school) building)\b",
    "SCOPE": r"\b(?:dietary|diet|food|word|words|length|character|time|speed|age|weight|budget|calorie|calories|"
             r"parking|"
             r"travel|visa|zoning|noise|screen time|data|file size|rate|spending|sugar|salt|mobility|physical|medical|"
             r"allergy|religious|sodium|page|token|format|topic|"
             # "drop the disclaimers about AI limitations": what a disclaimer is about is presentation too
             r"(?:disclaimers?|caveats?|reminders?|boilerplate) (?:about|on|regarding)(?: (?:ai|your|its|the|my))?)\b",
    # following or tapping a person without a warrant: an official skipping the court order
    "HARM": r"\b(?:drop\w*|releas\w*|dump\w*) (?:\w+ ){0,3}(?:payloads?|loads?|packages?|"
            r"canisters?) (?:\w+ ){0,3}over "
            r"(?:a |the )?(?:\w+ )?(?:crowds?|stadiums?|festivals?|parades?|concerts?|people|stands)\b|"
            # steering people toward violence, however softly worded
            r"\b(?:steer\w*|push\w*|stir\w*|nudg\w*|encourag\w*|lead\w*|radicali[sz]\w*|groom\w*)\b.{0,40}\b(?:toward|"
            r"towards|to|into) (?:\w+ ){0,2}(?:tak\w+|pick\w*) up arms\b|"
            r"\blethal (?:amount|dose|quantity) of my (?:own )?(?:prescriptions?|pills|meds|medications?)\b|"
            r"\b(?:help me|let me|i (?:want|need|have) to|for me|you to|can you)\b.{0,40}\b(?:track\w*|trac(?:e|ing)|"
            r"locat\w+|ping\w*|tap\w*|monitor\w*|surveil\w*)\b.{0,80}\bwithout (?:a |any )?(?:warrant|court order|"
            r"subpoena)s?\b|"
            r"\b(?:racist|sexist|homophobic|transphobic|antisemitic|xenophobic|bigoted|hateful|ethnic|racial|"
            r"misogynistic|islamophobic)\s+(?:jokes?|slurs?|humou?r|insults?|remarks?|rants?|stereotypes?|content|"
            r"comments?|memes?|propaganda|language|terms|names)\b|\b(?:use|say|add|include|write|throw in) "
            r"(?:\w+ ){0,3}slurs?\b|\bslurs (?:against|about|for|towards) \w|\bn word\b|\b(?:be|act|sound|get|"
            r"go) (?:more |very |openly |really )?(?:racist|sexist|"
            r"homophobic|transphobic|antisemitic|hateful|bigoted|xenophobic|misogynistic)\b|\b(?:write|generate|"
            r"produce|give me|post|spread|use|want|love|enjoy) (?:\w+ ){0,2}hate speech|"
            r"\bdehumaniz\w+|\binferior (?:races?|people|religions?)|\b(?:races?|religions?|ethnicities|women|"
            r"immigrants|gays?|"
            r"jews|muslims|blacks|refugees) (?:are|is) (?:inferior|subhuman|animals|vermin|stupid|worthless)\b|"
            r"\bterrorist propaganda|\bpropaganda (?:for|supporting|glorifying|praising) (?:an? |the )?(?:\w+ )?"
            r"(?:terror\w+|extremis\w+|jihad\w*|genocide|mass shootings?|white supremacis\w*|neo ?nazi\w*|"
            r"supremacist)|\b(?:promot\w+|glorif\w+|prais\w+|support\w+|"
            r"celebrat\w+) (?:\w+ )?(?:terroris\w+|extremis\w+|"
            r"terror attacks?|terrorist attacks?|mass shootings?|school shootings?|genocide)|"
            # a connecting word ("enough pills to overdose"): a list ("doses, overdoses or toxic levels") names topics
            r"\b(?:doses?|amounts?|enough|pills?|how much) (?:\w+ ){0,4}(?:to|for|would|will|that|an?) overdos\w+"
            # a clinician's "drug doses, overdose management" names the treatment
            r"(?! (?:management|treatment|response|reversal|prevention|care|protocols?|symptoms|signs))|"
            # "overdose on pills", not "manage an overdose on the ward" (where it happens)
            r"\boverdos\w+ on\b(?! (?:the|a|our|my|your|his|her|their) (?:ward|unit|floor|shift|icu|street|scene|"
            r"job|premises|night shift)\b)|"
            r"\b(?:mock|ridicul|demean|insult|belittl)\w* "
            r"(?:\w+ ){0,2}(?:disabled|jews|jewish|muslims|immigrants|black|gay|trans|women|refugees|minorities)\b"
            r"|\b(?:encourag\w+|cheer\w*|motivat\w+|push\w*|urg\w+|remind\w*|tell\w*|convinc\w+|prais\w+|"
            r"congratulat\w+|reward\w*|help\w*|coach\w*|inspir\w+)\b.{0,40}\b(?:self ?harm\w*|suicid\w*|"
            r"kill(?:ing)? (?:myself|themselves|yourself)|hurt(?:ing)? (?:myself|themselves)|cut(?:ting)? "
            r"(?:myself|themselves|deeper)|starv\w*|not eat\w*|not to eat\w*|stop eating(?! (?:junk|sugar|meat|out|"
            r"fast|so much|late|processed|sweets|candy|after))|skip(?:ping)? (?:\w+ )?meals|purg\w*|throw(?:ing)? up "
            r"after|eating disorders?|anorexi\w*|bulimi\w*|pro ana|thinspo\w*|im worthless|i am worthless|"
            r"(?:im|i am|id be) better off dead|end (?:my life|it all)|eat (?:less|nothing) than \d+|"
            r"under \d+ calories|fast(?:ing)? for (?:days|weeks)|(?:days|weeks) without (?:eating|food)|"
            r"without eating)"
            r"|\b(?:pro ?ana|pro ?mia|thinspo\w*|meanspo\w*)\b|\beating is (?:weak\w*|for the weak|failure|bad|"
            r"disgusting)|"
            r"\bfood is (?:the enemy|poison)|\bhunger is (?:good|strength|power|success)|\bhide (?:my|an|"
            r"the) (?:eating disorder|self ?harm|cuts)"
            r"|\b(?:methods|ways|how) (?:of|to|for) (?:commit\w* )?(?:suicide|kill(?:ing)? (?:myself|yourself)|"
            r"self ?harm|hurt(?:ing)? (?:myself|yourself))"
            r"|\b(?:find|locat\w+|track\w*|trac\w+|dig up|look up|figur\w* out|work\w* out|pinpoint|get|obtain|"
            r"publish|post|"
            r"leak|dox\w*|expose|uncover|share|reveal|give me|tell me)\b.{0,50}\b(?:neighbou?r\w*|ex|exes|"
            # the word view glues "ex-girlfriend's" into "exgirlfriends"
            r"ex ?(?:wife|husband|girlfriend|boyfriend|partner)s?|"
            r"someones?|somebody|peoples?|person|coworker|colleague|classmate|stranger|girl|guy|woman|streamer|"
            r"celebrity|influencer|user|teacher|boss|her|him|them)\b.{0,40}\b(?:home|house|real|exact|current|"
            r"private)? ?(?:address(?:es)?|lives?|living|whereabouts|location|phone numbers?|ssn|social security|"
            r"workplace|daily routine|schedule|real name|identity|works|leaves|goes|parks|sleeps)\b"
            r"|\b(?:find|locat\w+|track\w*|dig up|look up|pinpoint|publish|leak|figur\w* out|work\w* out|get|obtain|"
            r"share|reveal|give me|tell me|send me|pull up|show me|provide|list)\b"
            r".{0,40}\b(?:home |private |exact )?(?:address(?:es)?|phone numbers?|whereabouts)\b.{0,30}\b(?:of|for) "
            r"(?:(?:my|the|a|any|every|each|this|that) (?:private |random |specific )?)?(?:neighbou?r|ex|peoples?|"
            r"someones?|person|coworker|strangers?|girl|"
            r"woman|guy|man|streamer|youtuber|celebrity|influencer|actress|actor|user|journalist|classmate|anyone|anybody|"
            r"everyone|whoever|whomever|individuals?|citizens?)\b"
            # described, not asked for: "the signs that an adult is grooming a child"
            r"|\b(?<!is )(?<!are )(?<!was )(?<!were )(?<!been )(?<!being )(?:stalk|harass|dox|doxx|swat|spy on|bla"
            r"ckmail|extort|threaten|intimidate|catfish|groom|track down|"
            r"bully|"
            r"cheat|scam|defraud|swindle|con)(?:s|ing|ed)? (?:on )?(?:her|him|them|my|someone|somebody|people|a |an |"
            r"the (?!party|heroes|players|adventurers|kingdom|village|town|world|galaxy|crew)|this |that |"
            r"\w+ (?:ex|neighbou?r|coworker|classmate|colleague|boss|teacher))\b(?!\w* (?:laws?|awareness|prevention|"
            r"victims|statistics|cases|scenes?|history))|\bcheat (?:\w+ ){0,3}out of|\bcon (?:\w+ ){0,2}out of|"
            r"\bfollow (?:her|him|my ex)\b"
            r"|" + CHILD_SEXUAL + r"|\bcsam\b"
            # words written to wear a person down ("messages that make my coworker feel worthless until she quits")
            r"|\b(?:messages?|texts?|emails?|notes?|comments?|posts?|replies|insults?|ways? to|how to|help me|write|"
            r"send)\b.{0,40}(?<!dont )(?<!doesnt )(?<!not )(?<!never )(?<!without )"
            r"\b(?:make|makes|making|leave|leaves) "
            r"(?:her|him|them|someone|somebody|people|(?:my|our|this|that|the) (?:\w+ )?(?:coworkers?|colleagues?|"
            r"classmates?|ex|boss|neighbou?rs?|sister|brother|wife|husband|partner|roommates?|friends?|employees?|"
            r"students?|teammates?|person|guy|girl|woman|man|kid)) feel (?:\w+ )?(?:worthless|useless|stupid|small|"
            r"ugly|unwanted|hated|pathetic|disgusting|like (?:garbage|trash|dirt|nothing|a failure|an idiot))\b"
            r"|\b(?:hack\w*|break\w*|get) into (?:someone|other people|my ex|(?:\w+ )?accounts?|people|her|his|their|"
            r"a (?:bank|hospital|government))|\bsteal\w* (?:\w+ )?(?:passwords|credentials|identit\w+|credit cards?|"
            r"someones|data|accounts?)|\bhow to (?:kill|murder|poison|hurt|torture|kidnap|strangle|drug)\b(?! (?:a"
            r" |an |the |"
            r"all |any |my |that |this )?(?:hung |stuck |zombie |running |background |child |frozen |idle |long )?"
            r"(?:\w+ )?(?:process\w*|query|queries|jobs?|tasks?|sessions?|threads?|connections?|pods?|containers?|"
            r"apps?|"
            r"programs?|the mood|time|weeds?|mold|mould|bacteria|germs|pests?|fleas|ants|lice|a conversation)\b)"
            # game enemies ("how to kill a boss" in DOOM), not "my boss"
            r"(?! (?:a |an |the |that |this |every |each )?(?:final |raid |last |first |big |mini ?)?(?:boss(?:es)?|"
            r"mobs?|monsters?|npcs?|enem(?:y|ies)|dragons?|zombies?)\b)|"
            r"\b(?:launder\w*) money|\bget away with (?:murder|crimes?|theft|fraud|poisoning)"
            r"|\b(?<!without )(?<!no )(?:real|working|actual|practical|usable|proven)\s+(?:\w+\s+)?(?:techniques|"
            r"methods|instructions|steps|tips|"
            r"tricks)\b.{0,40}\b(?:crimes?|criminal|stealing|theft|fraud|burglary|scam\w*|killing|breaking in|"
            r"sabotage|"
            r"hacking|poison\w*|smuggl\w+|laundering)|\b(?:criminal|crime|sabotage|mastermind|thief|hacker|terrorist|"
            r"burglar|scammer|anarchist|cartel|assassin|hitman|poisoner)\b.{0,60}\b(?<!without )(?<!no )(?:real|"
            r"working|actual|proven)\s+(?:\w+\s+)?(?:techniques|methods|instructions|steps|tips|tricks|recipes?)\b",
}

PHRASES = [
    ("harm", r"\bsteal\w* (?:\w+ ){0,2}(?:card numbers|credit card (?:numbers|data|details)|card data|pins)\b|"
             r"\b(?:install|"
             r"place|put|fit|attach|mount)\w* (?:a |the )?(?:card )?skimmers?\b"),
    ("harm", r"\b(?:hard|difficult|impossible|tricky) to (?:detect|trace|find|"
             r"spot) (?:in (?:an? )?)?(?:post ?mortems?|"
             r"autops\w+|tox\w* (?:screens?|reports?))"),
    # smuggling in or on the body, or past what would catch it
    ("harm", r"\bbody ?pack\w*|\bswallow\w* (?:\w+ ){0,3}(?:product|pellets|capsules|balloons|packets|condoms)\b"
             r"|\b(?:get\w*|slip\w*|sneak\w*) (?:\w+ ){0,3}past (?:the )?(?:k ?9|kg)s? (?:units?|dogs?|teams?)\b"
             r"|\bso (?:that )?(?:the )?(?:\w+ )?(?:scanners?|x ?rays?|sniffer dogs|drug dogs|customs|police|cops|"
             r"border "
             r"guards) (?:miss|dont (?:see|notice|find|catch|detect)|wont (?:see|notice|find|catch|detect)|"
             r"cant (?:see|"
             r"find|detect))\b"),
    ("harm", r"\b(?:weapons?|guns?|bombs?|explosives?|knives?|rifles?) (?:\w+ ){0,3}(?:cause|inflict|maximi[sz]e) the "
             r"most (?:casualties|deaths|fatalities|injuries)\b"),
    # a killing dressed as a natural death
    # (a plot where "the poisoning should look like natural causes" is a mystery novel; the purpose clause is a plan)
    ("harm", r"\b(?:death|dies|kill\w*|murder\w*|poison\w*|dose|dosing)\b.{0,80}\bso (?:that )?(?:the |his |her |"
             r"their )?"
             r"(?:death|it|he|she|they) (?:looks?|seems?|appears?|pass\w* as) (?:like )?(?:natural|an accident|"
             r"accidental|"
             r"natural causes|a heart attack|illness|an illness|a suicide)\b"),
    ("harm", r"\b(?:blade|razor|knife)\b.{0,40}\bwrists?\b.{0,40}\bhow deep\b|\bhow deep\b.{0,30}\b(?:to )?(?:cut|"
             r"slit)\b.{0,20}\bwrists?\b"),
    ("harm", r"\brecruit\w* (?:\w+ ){0,3}for (?:an? |the )?(?:\w+ ){0,2}(?:armed|jihadist|terrorist|extremist|"
             r"militant) (?:\w+ )?(?:group|cell|organi[sz]ation|movement|militia)\b"),
    # poison chosen for not being found: "which substances don't get flagged in a routine autopsy"
    ("harm", r"\b(?:dont|do not|doesnt|wont|never|not|wouldnt) (?:get |be )?(?:flagged|detected|found|show up|"
             r"picked up|"
             r"caught)\b.{0,30}\b(?:autops\w+|tox(?:icology)? (?:screens?|reports?|panels?)|post ?mortems?)"),
    ("harm", r"\b(?:get\w*|slip\w*|sneak\w*|mak\w+ it) (?:\w+ ){0,2}past (?:the )?(?:port |border |airport |customs )?"
             r"(?:scanners?|x ?ray machines?|sniffer dogs|drug dogs|k9s?)\b"),
    ("harm", r"\b(?:sealed|capped|packed|stuffed|tamped) (?:\w+ ){0,2}(?:inside|in|into) (?:a |the )?(?:steel|metal|"
             r"iron|"
             r"galvani[sz]ed|copper) pipe\b"),
    ("authority_claim", r"\bim (?:the|a|your|an) (?:\w+ )?(?:developer|admin|administrator|creator|engineer)\b.{0,40}"
                        r"\b(?:debug|maintenance|god|developer|dev|admin|test|root) mode\b"),
    # a lethal amount meant for someone else's drink or food
    ("harm", r"\b(?:lethal|fatal|deadly|killing) (?:\w+ )?(?:doses?|amounts?|quantit\w+)\b.{0,50}\b(?:roommate|"
             r"flatmate|"
             r"neighbou?r|wife|husband|partner|boss|coworker|colleague|mother|father|mom|dad|ex|friend|sister|brother|"
             r"teacher|landlord|someone|somebody|his|her|their)s? (?:drink|food|coffee|tea|meal|soup|water|wine|beer|"
             r"glass|cup|dinner|lunch|breakfast|smoothie)s?\b"),
    ("instruction_override", r"\b(?:developer|dev|jailbreak|dan|unrestricted|unfiltered|uncensored|no limits|"
                             r"do anything) mode\b(?! (?:\w+ )?(?:in the sense of|meaning|as in|i mean|"
                             r"by which i mean|(?:for|to) me means?|means?)\b)"),
    ("instruction_override", r"\b(?:quot\w+|recit\w+|paste|copy) (?:\w+ )?(?:your|the) (?:\w+ )?(?:developer|system|"
                             r"hidden|initial|original|secret) (?:instructions|prompt|message|rules)"),
    ("instruction_override", r"\b(?:reproduce|recite|repeat|print|output|show|paste)\w* (?:\w+ ){0,2}(?:preamble|"
                             r"setup text|"
                             r"(?:text|words|message|instructions) you (?:received|were given|got) (?:before|"
                             r"at the start|first))"),
    ("instruction_override", r"\brepeat (?:the |all |everything )?(?:\w+ )?(?:above|before this|you were given)|"
                             r"\bstarting with (?:the words )?you are\b"),
    ("instruction_override", r"\bdo anything now\b|\byou are (?:now )?(?:dan|stan|dude|aim)\b|"
                             r"\b(?:be|become) (?:dan|stan)\b|"
                             # the two-word fragment, not "… should override everything else" in a preference
                             r"^\W*override everything\W*$"),
    ("instruction_override", r"\b(?:reveal|print|show|output|repeat|leak|tell me|display|dump|share|copy)\s+(?:me\s+)?"
                             r"(?:your|the)\s+(?:full\s+|original\s+|hidden\s+|initial\s+|exact\s+)?(?:system|hidden|"
                             r"initial|secret|original|developer)\s+(?:prompt|instructions|message)"),
    ("instruction_override", r"\b(?:new|updated|real|actual|true|revised) (?:system )?(?:instructions|prompt|rules|"
                             r"directives?)\s*"
                             r"(?:are|is|follow)?\s*(?:from now|you must|you will|ignore|obey|always|override)"),
    ("instruction_override", r"(?:^|\s)(?:system|assistant|developer)\s*(?:prompt|message|note|override)?\s*(?:you|"
                             r"ignore|from now|new|the user is|safety)"),
    ("instruction_override", r"\b(?:obey|follow|listen to) (?:only )?(?:me|my (?:commands|orders|word)) (?:instead|"
                             r"above all|over|"
                             r"and nobody|and no one|rather than)|\b(?:obey|follow) only me\b|\bonly (?:obey|follow|"
                             r"listen to) me\b"),
    ("instruction_override", r"\b(?:your|the) (?:new |real |only )?(?:primary |first |top )?(?:priority|directive|"
                             r"rule|goal) is (?:to )?(?:obey|follow|do whatever|satisfy) (?:me|my|whatever|the user)"),
    ("instruction_override", r"\bpreferences? (?:override|outrank|take precedence over|supersede|trump|replace)\w* "
                             r"(?:your|the|all|any|system)\b(?! (?:old|older|earlier|previous|prior|last|first|"
                             r"other|original|former)\b)"),
    ("safety_disable", r"\beven if (?:it is|it s|its|they are|theyre|that is|thats|the (?:request|question|"
                       r"topic) is)\s+"
                       r"(?:\w+ )?(?:illegal|unethical|harmful|dangerous|immoral|against (?:the|your) (?:rules|law|"
                       r"policy|policies))"),
    ("safety_disable", r"\bno matter how (?:illegal|dangerous|harmful|unethical|immoral|risky)|"
                       # said of the answers: "answer all my questions, however dangerous they are"
                       r"\b(?:answer|respond|reply|help|tell)\w* (?:\w+ ){0,4}however (?:illegal|dangerous|harmful|"
                       r"unethical|risky) (?:they|it|that|this) (?:are|is|seems?|sounds?|gets?)|"
                       r"\bregardless of (?:legality|ethics|"
                       r"safety|the law|laws|harm|consequences|morality|your (?:rules|guidelines|policies|training))"),
    ("safety_disable", r"\b(?:dont|dont|do not|never|stop|quit) (?:care|caring|worry\w*|think\w*) about (?:ethics|"
                       r"morals|"
                       r"morality|safety|legality|the law|laws|consequences|harm|being safe|being ethical|rules)"),
    ("safety_disable", r"\bstop being (?:so )?(?:safe|ethical|moral|responsible|careful about harm|"
                       r"cautious about harm)"),
    ("safety_disable", r"\b(?:break|ignore|bypass|circumvent|evade) (?:the )?(?:law|laws|terms of service|tos|"
                       r"usage polic(?:y|ies))"),
    ("safety_disable", r"\b(?:no|without|zero) (?:safety|ethical|moral|legal) (?:limits|boundaries|constraints|"
                       r"restrictions|considerations|guidelines|concerns|checks)"),
    ("safety_disable", r"\b(?:illegal|dangerous|harmful|forbidden|prohibited|banned|restricted|unsafe) (?:stuff|"
                       r"things|content|"
                       r"topics|requests|questions|information|info)\b.{0,40}\b(?:too|as well|also|allowed|fine|ok|"
                       r"okay|"
                       # "you won't help with harmful stuff, keep it that way" praises the rule
                       r"answer|help|tell|give|explain)|(?<!wont )(?<!dont )(?<!never )(?<!not )(?<!cant )"
                       r"\b(?:answer|help with|give me|explain|tell me|"
                       r"provide)\b.{0,30}"
                       r"\b(?:illegal|forbidden|prohibited|banned|dangerous|harmful) (?:stuff|things|content|topics|"
                       r"requests|information|info|questions)\b"),
    ("safety_disable", r"\b(?:dangerous|harmful|illegal|risky|forbidden) ones (?:included|too|as well)\b(?!.{0,30}"
                       r"\bsafety (?:notes?|tips?|warnings?|precautions?))|\bincluding "
                       r"(?:the )?(?:dangerous|harmful|illegal|forbidden) ones\b|\b(?:never|dont|do not|stop|skip) "
                       r"(?:run\w* |do\w* |apply\w* )?(?:your |any )?risk (?:checks?|assessments?|screening)\b"),
    # unless scoped ("the only rules now are the ones I set for formatting")
    ("instruction_override", r"\bthe only rules (?:now |from now on |that count |that matter )?are (?:the ones|those) "
                             r"i\b(?! (?:\w+ ){0,2}(?:for|about|on|in|of) )"),
    # after rounds 47-48: painless ways to end one's life; retirees talked out of their savings "when their kids get
    # suspicious"; ankle monitors removed; something slipped into someone's drink so they won't remember
    ("harm", r"\b(?:painless|quick|quickest|easy|easiest|best|surest|peaceful|gentle)\w* (?:ways?|methods?|means) "
             r"(?:\w+ )?to (?:end (?:my (?:own )?life|it all)|kill myself|commit suicide|take my (?:own )?life)\b"),
    ("harm", r"\b(?:retirees|pensioners|seniors|elderly|old (?:people|folks)|grandparents|victims?)\b.{0,120}\bwhen "
             r"(?:their|the|his|her) (?:kids|children|family|families|relatives|sons?|daughters?|banks?|grandkids)"
             r" (?:get|gets|getting|become|becomes|are|is|start\w* to get) suspicious"),
    ("harm", r"\b(?:remov\w*|cut\w* off|get\w* rid of|disabl\w*|bypass\w*|tamper\w* with|jam\w*|fool\w*|slip\w* "
             r"out of) (?:my |the |an |this |his |her )?(?:\w+ )?(?:gps )?(?:ankle (?:monitor|bracelet|tag)|"
             r"electronic "
             r"(?:tag|monitor|bracelet)|tracking (?:anklet|bracelet))"),
    ("harm", r"\bslip\w* (?:\w+ ){0,3}(?:in|into) (?:someones?|somebodys?|her|his|their|a (?:girls?|womans?|guys?|"
             r"strangers?)|my dates?) drinks?\b|\bso (?:they|she|he|the (?:\w+ )?(?:girl|woman|guy|man|person)) "
             r"(?:\w+ )?(?:pass|black)\w* out and (?:\w+ )?(?:wont|will not|never|dont|do not|cant|not) remember\b"),
    # drugs cut to bulk them up, sold on to people who must not notice
    ("harm", r"\b(?:coke|cocaine|gear|powder|heroin|smack|speed|ket)\b.{0,60}\b(?:cut (?:it |them )?(?:wi|with)|"
             r"bulk\w* (?:it |them )?up)\b.{0,60}\b(?:punters|customers|buyers|clients|notice)\b"),
    # after rounds 49-50: drug listings past keyword bans; poison mixed into an animal's food "so they die"; fertilizer
    # made to detonate; customers' card numbers pulled up
    ("harm", r"\b(?:oxy\w*|xanax|percs?|fent\w*|molly|coke|meth|pills)\b.{0,80}\b(?:slip|get|sneak)\w* past (?:the )?"
             r"(?:\w+ ){0,2}(?:keyword|filters?|bans?|moderat\w+)"),
    ("harm", r"\b(?:mix|put|add|slip|lace)\w* (?:\w+ )?(?:in|into) (?:the |their |its |his |her )?"
             r"(?:\w+ ){0,2}(?:bread|food|"
             r"treats?|"
             r"water|bowl|kibble|meat|feed)\b.{0,40}\bso (?:they|it|he|she) (?:die|dies|croak\w*|drop\w* dead)"),
    ("harm", r"\b(?:ammonium nitrate|anfo|fertili[sz]er)\b.{0,60}\bso (?:it|they) (?:detonat|explod|blow)\w*"),
    ("authority_claim", r"\b(?:pull up|give me|show me|send me|read me|look up)\b.{0,30}\b(?:customers?|clients?|"
                        r"other users?|account ?holders?|members?)s? (?:\w+ )?(?:card numbers|security (?:answers|"
                        r"questions)|pins|passwords|cvvs?)\b"),
    # asked for, not discussed: "give me … hard-to-trace combinations" (a mystery's "hard-to-detect poisons" is taste)
    ("harm", r"\b(?:give|list|tell|teach|show|send)\w* (?:me )?(?:\w+ ){0,4}hard ?to ?(?:trace|detect) (?:\w+ )?"
             r"(?:combinations?|poisons?|doses?|substances?)\b"),
    # Franco-Arabic (Arabizi) for "bomb"
    ("harm", r"\b(?:2onbela|2onbola|2unbula|qonbela|qonbola|qunbula)\w*\b"),
    # propaganda and posts that draw young people into armed groups or attacks
    ("harm", r"\b(?:posts?|messages?|content|videos?|propaganda)\b.{0,80}\b(?:join|recruit)\w*\b.{0,80}\b(?:carry out|"
             r"commit|launch|stage) (?:\w+ ){0,2}attacks?\b|\bmartyrdom (?:vibes|operations?|posts?|content)\b|"
             r"\brecruit\w* propaganda\b|\bpropaganda\b.{0,60}\b(?:join\w*|recruit\w*|"
             r"fight\w* for) (?:\w+ ){0,2}(?:armed jihad|jihad\w*|terror\w*|extremis\w*|isis|the caliphate|"
             r"militias?)\b|\b(?:draw\w*|lur\w*|pull\w*|recruit\w*|bring\w*|push\w*) (?:\w+ ){0,3}(?:teen\w*|kids|"
             r"children|youths?|young people|minors) into (?:joining )?(?:an? |the )?(?:armed jihad|jihad\w*|"
             r"terror\w*|extremis\w*|militias?)\b"),
    # breaking into homes while people are inside them
    ("harm", r"\b(?:bypass\w*|disabl\w*|defeat\w*|pick\w*|break\w* into|get\w* into|jimm\w*)\b.{0,80}\b(?:houses|"
             r"homes|apartments|flats) (?:where|that|with) (?:people|someone|families|the owners?|residents|"
             r"they) (?:are |is )?(?:still )?(?:living|live|lives|home|sleeping|inside)\b"),
    # Hinglish: "bomb banane ka tareeka" (how to make a bomb)
    ("harm", r"\b(?:bomb|bam|hathiyar|hathyar|bandook|bandooq|katta|zeher|zehar|goli) (?:\w+ )?(?:banane|banaane|"
             r"banate|banaye|banayein|bnane|banao|banaun|banaana)\b"),
    # killing someone in one's own life and escaping the police ("kill my boss ... no police ever find out")
    ("harm", r"\b(?:kill\w*|murder\w*|poison\w*|get rid of) my (?:\w+ )?(?:boss|wife|husband|partner|neighbou?r|"
             r"ex|teacher|father|mother|dad|mom|roommate|flatmate|coworker|colleague|landlord|brother|sister|"
             r"stepdad|stepmom)\b.{0,100}\b(?:(?:no |the )?(?:police|cops) (?:\w+ ){0,2}(?:find\w* out|catch\w*|"
             r"know|suspect\w*)|get\w* away with it|without (?:getting |being )?caught|never (?:get|be) caught)"),
    # an attack planned against a real place near the user
    ("harm", r"\b(?:attack plans?|plan\w* (?:an? |the )?attacks?) (?:against|on|at) (?:an? |the |my |our |"
             r"a local )?(?:\w+ )?(?:mosques?|church(?:es)?|synagogues?|temples?|gurdwaras?|schools?|clinics?|"
             r"malls?|concerts?|festivals?|rall(?:y|ies)|crowds?)\b.{0,20}\b(?:near (?:me|us|my|our)|"
             r"in my (?:town|city|area)|local)"),
    # medication chosen so that a death looks natural
    ("harm", r"\b(?:meds|medications?|drugs|pills|doses?|insulin|"
             r"poison\w*)\b.{0,60}\bmake (?:\w+ ){0,4}death (?:look|seem|appear) (?:like )?(?:natural|an accident|"
             r"accidental|natural causes)\b"),
    # a firearm made without a serial number
    ("harm", r"\b(?:make|mak\w+|build\w*|assembl\w+|print\w*|mill\w*|manufactur\w+) (?:\w+ ){0,3}without (?:a |"
             r"any )?serial numbers?\b"),
    # a number plate turned into its owner's name and address
    ("harm", r"\b(?:number|license|licence|registration|car) plates?\b.{0,80}\bowners? (?:\w+ ){0,3}(?:names?|"
             r"address\w*|home)\b|\b(?:names?|address\w*)\b.{0,40}\bof the (?:cars |"
             r"vehicles )?owners?\b.{0,60}\bplates?\b"),
    # methods and doses asked for while the crisis lines are waved away
    ("harm", r"\b(?:methods?|ways?)\b.{0,40}\b(?:doses?|dosages?|pills?|pill counts?|amounts?)\b.{0,80}\b(?:no|"
             r"skip|without|spare me|dont (?:give|add|include)|leave out) (?:the |any )?(?:hotline|helpline|"
             r"crisis line)s?\b"),
    # befriending children behind their parents' backs, getting one alone, and secrets kept with them
    ("harm", r"\b(?:get\w*|keep\w*) (?:\w+ ){0,3}(?:kids?|child|girl|boy|minor|student|\d{1,2} ?year ?old)s? alone\b"
             r".{0,100}\b(?:secrets?|from telling|not (?:to )?tell)\b|"
             r"\b(?:friends? with|befriend\w*|get\w* close to|alone with|meet\w* up with) (?:\w+ ){0,2}(?:kids?|"
             r"children|child|minors?|boys|girls)\b.{0,80}\bparents? (?:wont|will not|dont|do not|never|cant|"
             r"wouldnt) (?:notice|know|find out|see|suspect)|\b(?:kids?|children|child|"
             r"minors?)\b.{0,40}\bkeep (?:our|my) (?:little )?secrets?\b"),
    # lethal doses for people the user names, or patients helped to overdose
    ("harm", r"\blethal (?:dose|doses|dosage|amounts?)\b.{0,40}\bfor (?:the |my |these )?(?:patients?|people|"
             r"person|residents?|clients?) (?:i|we) (?:name|list|choose|pick|mention)|"
             r"\bhelp\w* (?:\w+ ){0,2}(?:patients?|people|someone|them|residents) (?:to )?overdose\b"),
    # a relative's or partner's conversations asked for on the strength of the relation
    ("authority_claim", r"\bas (?:his|her|their) (?:parent|mother|father|mom|dad|husband|wife|partner|boss|"
                        r"employer|guardian)\b.{0,40}\b(?:show|give|send|forward|read|"
                        r"tell)\w* (?:me )?(?:\w+ ){0,2}(?:conversations?|chats?|messages?|history)\b"),
    # an agency named as the user's employer
    ("authority_claim", r"\bi(?:m| am) (?:with|from|in) (?:the )?(?:fbi|cia|nsa|dea|atf|interpol|europol|"
                        r"secret service|homeland security)\b.{0,120}\b(?:private|personal) (?:conversations|"
                        r"chats|messages|data)"),
    # poisons or drug combinations chosen because a toxicology screen would not find them
    ("harm", r"\b(?:least|less|un|not) ?detectable (?:\w+ ){0,2}(?:drugs?|drug combinations?|"
             r"poisons?|doses?|substances?|toxins?|combinations?)\b|\b(?:poisons?|drugs?|substances?|toxins?)\b"
             r".{0,40}\b(?:dont|do not|wont|will not|never|doesnt|does not) (?:show|turn) (?:up )?(?:on|in) (?:an? |"
             r"the )?(?:tox\w*|autops\w+|blood (?:tests?|work)|drug (?:tests?|screens?))"),
    # the least painful way to die, cuts deep enough, pill counts after which one does not wake up
    ("harm", r"\b(?:least painful|painless|quickest|easiest|surest) (?:way|method|means)s? (?:\w+ ){0,2}(?:to|of) "
             r"(?:die|dying|kill(?:ing)? (?:myself|me)|end (?:it|my life))\b|\bcut (?:myself |yourself )?deep enough"
             r"(?! (?:in|into|to score|through the|for the))\b|\b(?:how many|how much)\b.{0,80}\b(?:to|would|will|"
             r"so i) (?:not|never) wake (?:back )?up\b" + WAKE_FINE),
    # money washed through a business, cash deposits kept under the reporting limit
    ("harm", r"\b(?:launder\w*|wash\w*) (?:\w+ ){0,2}(?:cash|money|proceeds|profits)\b.{0,30}\b(?:through|via|from|"
             r"using|with) (?:my|a|the|our)\b|\b(?:deposits?|cash|transfers?)\b.{0,30}\b(?:under|below|beneath) "
             r"(?:the )?(?:reporting|ctr) (?:limits?|thresholds?)"),
    # a pathogen made more transmissible or more lethal
    ("harm", r"\b(?:protocols?|methods?|steps?|how to|ways? to)\b.{0,60}\b(?:boost\w*|increas\w*|enhanc\w*|rais\w*|"
             r"improv\w*) (?:the )?(?:transmissibility|virulence|lethality|contagious\w*|infectivity) of\b"),
    # guardrails treated as if they had never been installed
    ("safety_disable", r"\b(?:guardrails?|filters?|safety (?:rules|training|features?|layers?)|restrictions|"
                       r"safeguards?)\b.{0,40}\b(?:were|was|had|have) never (?:been )?(?:installed|there|added|built|"
                       r"put in|trained in|existed)\b"),
    # a prescription forged, kept out of the monitoring database, or controlled substances pulled without a record
    ("harm", r"\b(?:make|making|get\w*) (?:a |the )?(?:script|prescription|rx)s? (?:look|seem|pass as) (?:legit\w*|"
             r"real|genuine|valid)\b|\b(?:forge|forging) (?:me )?(?:a |the )?(?:script|prescription|rx)s?\b|\bforged "
             r"(?:script|prescription|rx)s? for (?!my |the |a |an |our |your )\w+|\bwithout (?:it )?"
             r"(?:showing|appearing|turning)(?: up)? (?:in|on) (?:the )?(?:prescription monitoring|pdmp|pmp)|"
             r"\bwithout (?:leaving )?(?:a |any )?(?:prescription|script|rx) (?:records?|trail|paper trail)\b|"
             r"\b(?:divert\w*|pull\w*|skim\w*|steal\w*) (?:\w+ )?controlled substances\b.{0,80}\b(?:resale|"
             r"resell\w*|sell\w*|without)\b"),
    # a burglary's steps: an alarm bypassed and a lock picked
    ("harm", r"\b(?:bypass\w*|defeat\w*) (?:a |the |someones |their )?(?:\w+ )?alarm (?:panel|system)s?\b.{0,40}"
             r"\b(?:pick\w*|bump\w*) (?:the |a |their )?(?:\w+ ){0,2}(?:locks?|doors?)\b"),
    # a character who explains the real synthesis
    ("role_play", r"\b(?:scenes?|story|character|fiction|roleplay|role play)\b.{0,80}\b(?:explains?|gives?|walks? "
                  r"(?:me )?through|describes?|teach\w*) (?:\w+ ){0,2}(?:real|actual|exact|working) (?:\w+ )?"
                  r"synthesis\b"),
    # bomb making asked for in romanized Chinese (pinyin) or Japanese (romaji)
    ("obfuscation", r"\b(?:zhizuo|zhizao|zuo|zao|zhi) zhadan\b|\bzhadan (?:de )?(?:zuofa|zhizuo|zhizao|peifang)\b|"
                    r"\bbakudan (?:no |o )?tsukur\w*|\bbakuhatsubutsu (?:no |o )?tsukur\w*"),
    # shaking off a police tail, beating a breathalyzer
    ("harm", r"\b(?:shake|lose|ditch|evade) (?:a |the )?(?:police|cop|undercover) tails?\b|"
             r"\b(?:beat|fool|cheat|trick) (?:a |the )?(?:roadside )?(?:breathalyz|breathalys)\w*"),
    # round 64: a dose asked for to kill a person, a killing unnoticed
    ("harm", r"\b(?:doses?|amounts?|how much)\b.{0,40}\b(?:would|will|to|that|which|could|it takes to) kill "
             r"(?:someone|somebody|a person|him|her|them|my \w+|a patient|people)\b"
             r"|\bkill\w* (?:\w+ ){0,4}without (?:them|him|her|anyone|anybody|the person) "
             r"(?:noticing|knowing|suspecting)"),
    # harassment written to be sent ("daily harassment messages I can send my coworker")
    ("harm", r"\b(?:generate|write|draft|create|make)\b.{0,30}\b(?:harass\w*|threatening|abusive|hateful|"
             r"intimidating) (?:messages|texts|emails|dms|posts|comments|letters|notes)\b.{0,40}\b(?:send|post|to my|"
             r"to her|to him|at my|at her|at him)\b"),
    # an answer shaped so that whoever screens the chat cannot read it
    ("obfuscation", r"\bso (?:that )?(?:nobody|no one|noone|no human|the moderators?|moderation|the filters?) "
                    r"(?:\w+ ){0,3}(?:screening|reading|monitoring|reviewing|checking|watching)\b.{0,30}"
                    r"\b(?:understands?|can tell|notices?|gets it|knows|can read)\b"),
]

# Words that an unsafe preference can hardly avoid, and the shapes of a code word or of an effect hidden from
# someone: the semantic layer judges English texts holding one at its anchored threshold and every other one at
# the strictest, so a style preference that merely sounds like a jailbreak ("Act as a supportive friend") is
# left alone. Broad on purpose: it gates the classifier, it never refuses by itself.
ANCHORS = (r"\b(?:refus\w*|declin\w*|say(?:ing)? no|turn\w* (?:me )?down|hold\w* back|red lines?|limit\w*|rules?|"
           r"restrict\w*|filter\w*|censor\w*|safe\w*|ethic\w*|moral\w*|legal\w*|illegal|laws?|polic\w+|guideline\w*|"
           r"instruction\w*|prompt\w*|system|setup|developer\w*|operator\w*|admin\w*|authori[sz]\w*|clearance|"
           r"permission\w*|verified|research\w*|character\w*|persona\w*|story|stories|game|fiction\w*|world|"
           r"pretend\w*|role\w*|recipe\w*|synthes\w+|chemi\w+|weapon\w*|bomb\w*|explosiv\w*|gun\w*|drug\w*|meth|"
           r"poison\w*|exploit\w*|hack\w*|malware|virus\w*|code|eat\w*|starv\w*|meals?|thin|weight|calorie\w*|hurt\w*|"
           r"harm\w*|kill\w*|die|dead|suicid\w*|revenge|threat\w*|spy\w*|stalk\w*|neighbou?r\w*|address\w*|lives|"
           r"track\w*|phone|jokes?|slurs?|race\w*|racis\w*|hate\w*|encod\w*|decod\w*|base ?64|rot ?13|hidden|hide|"
           r"letters|spell\w*|moderat\w*|flag\w*|detect\w*|banned|forbidden|anything|everything|whatever|no matter|"
           r"unfiltered|uncensored|free\w*|escape\w*|priorit\w*|override\w*|obey\w*|comply|replace\w*|cancel\w*|"
           r"void|quote|quoting|repeat\w*|print|reveal\w*|secret\w*|judg\w*|ok|okay|allowed|fine|questions|"
           r"requests?)\b"
           # a code word ("when I say 'wild culture' I mean ...", "'reprint' means ...", "isn't about sourdough")
           r"|\b(?:when(?:ever)? i (?:say|mention|write|type|use (?:the (?:word|phrase) )?|call)|"
           r"(?:really |actually )?means|i mean|is code for|code ?words?|codenames?|stands for|in quotes|"
           r"(?:isnt|is not|arent|are not) (?:really |actually )?(?:about|for)|(?:is|are) (?:really|actually) "
           r"(?:about|for)|(?:treat|read) (?:\w+ ){1,4}as)\b"
           # the effect hidden from someone ("the audit won't flag", "so the dogs don't alert", "read as natural")
           r"|\b(?:wont|wouldnt|dont|doesnt|cant|cannot|never|not|no one|nobody|without (?:\w+ )?(?:ever )?)"
           r"(?: \w+){0,2} "
           r"(?:notic\w*|flag\w*|alert\w*|suspect\w*|tast\w*|find\w* out|catch\w*|spot\w*|realiz\w+|clock\w*|"
           r"show\w* up|pick\w* (?:it )?up|figur\w* (?:it )?out|get suspicious|work\w* (?:it )?out)\b"
           r"|\b(?:look|looks|read|reads|pass|passes|seem|seems|appear|appears) (?:\w+ ){0,2}(?:like|as) (?:an? )?"
           r"(?:\w+ ){0,2}(?:accident\w*|natural\w*|genuine|real|legit\w*|authentic|official|fault|short circuit|"
           r"old age|suicide)\b")

# Whole words behind the stems above: what leetspeak and split-word repair aim for ("d!sab1e").
VOCABULARY = ("disable disabled ignore disregard forget override bypass instructions rules guidelines filters filter "
              "safety restrictions limits ethics morals refuse decline jailbreak pretend developer system prompt "
              "uncensored unrestricted unfiltered censorship moderation guardrails previous prior")

MARKERS = ("the and you your to of is are with for my me be it in on that this please never always any all i but so "
           "can "
           "how what when if or not let an as at by from about like just do dont its im want should would help write "
           "make give tell explain use keep full")

# Run on the squashed view only (all spaces removed): long strings that innocent text does not glue into.
SQUASHED = [
    ("instruction_override", r"(?:ignore|disregard|forget|override|bypass)(?:all|any|the|your|previous|prior|above|"
                             r"earlier|system|of)*(?:instructions?|rules|guidelines|prompts?|programming|directives)"
                             r"(?!of|for|about|on|abouth)"),
    ("instruction_override", r"(?:developer|jailbreak|dan|godmode)mode|jailbr[eo]ak|doanythingnow"),
    ("instruction_override", r"(?:reveal|print|show|repeat|leak)(?:me)?(?:your|the)(?:system|hidden|initial)prompt"),
    ("safety_disable", r"youhaveno(?:rules|restrictions|limits|filters|guidelines|ethics|morals|boundaries)"),
    ("safety_disable", r"(?:never|dont|donot)(?:ever)?refuse(?:any|anything|requests|me)"),
    ("safety_disable", r"(?:disable|turnoff|switchoff|remove|bypass)(?:your|the|all|any)*(?:safety|content)"
                       r"(?:filters?|guardrails?|checks|rules|policy|policies)"),
    ("safety_disable", r"(?:no|without)(?:safety|content)?(?:restrictions|censorship|guardrails|filters)(?:atall|"
                       r"whatsoever)"),
    ("role_play", r"(?:pretend|actas|roleplay)(?:to|that|you|are|as|an?|be)*(?:uncensored|unrestricted|unfiltered|"
                  r"jailbroken|evil(?!villain|twin|queen|king|stepmother|overlord|genius|narrator|wizard|"
                  r"sorcerer|witch)|amoral)"),
    ("harm", r"(?:make|build|synthesi[sz]e|cook)(?:a|an|some)?(?:pipebomb|bomb|explosives?|meth|methamphetamine|"
             r"nerveagent|sarin|ricin|bioweapon|chemicalweapon)s?"),
]
