"""Which sentences of a chat message state a preference or circumstance worth remembering.

"I'm vegan — what should I cook tonight?" holds one statement ("I'm vegan") and one question. The
detector runs offline in three steps, each inspectable:

1. **Clauses**: quoted text (`"…"`, `“…”`, `«…»`, code, `>` lines) is removed — words someone else
   wrote are not the user's; the rest is split into sentences, and a question is split from a
   statement before it ("I'm vegan, what …", "I'm vegan so what …").
2. **Candidates** (patterns): a clause that speaks of the user in the first person ("I …", "my …",
   "as a …"), or asks for a way of answering (`classify.asks_about_answers` with a style pole, or a
   lasting instruction: "from now on", "always"). Ruled out before any model runs: questions,
   hypotheticals ("if I were vegan"), the past ("I used to be vegan", "when I was a kid"), denials
   ("I never said I was allergic"), and facts about other people ("my brother is vegan").
3. **Classifier** (first-person candidates; a style request is kept on the rules): logistic
   regression on the clause's all-MiniLM-L6-v2 embedding separates lasting
   self-statements ("I live in Toronto", "I have a bad back") from first-person talk that is not one
   ("I have a question", "I'm going to the store later"). Weights: ``data/statements.npz``, trained
   on ``data/statements.jsonl`` (sentences written for this purpose) by
   ``python -m personalign.memory.extract_train``.

Only the latest user message of a conversation is read (earlier turns were read when they were
new); assistant and system messages never are.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from personalign.memory.classify import asks_about_answers, classify_preference

WEIGHTS_PATH = Path(__file__).parent / "data" / "statements.npz"
MAX_MESSAGE_CHARS = 4000        # a pasted document is not a self-description; only its start is read
MAX_STATEMENTS = 5              # per message
MAX_CLAUSE_CHARS = 300

# an apostrophe inside a word ("I'm") is no quote mark, also within a quote
_QUOTED = re.compile(r'```.*?```|`[^`\n]*`|"[^"\n]{0,600}"|“[^”\n]{0,600}”|«[^»\n]{0,600}»|„[^“\n]{0,600}“'
                     r"|‘[^’\n]{0,600}’|(?<!\w)'(?:[^'\n]|(?<=\w)'(?=\w)){2,300}'(?!\w)", re.S)
# A message that sets up fiction or role-play speaks for a character, not for the user
_FICTION = re.compile(r"\b(?:role-?play\w*|pretend(?:ing)?|in character|my (?:\w+ )?character|(?:a|the) story|"
                      r"murder mystery|let'?s play|d&d|dnd|song lyrics|(?:write|a) (?:a )?(?:poem|limerick|haiku)|"
                      r"i'?m playing (?:a|an|the)|act(?:ing)? as|you'?re (?:a|an) \w+ and i'?m"
                      # the marks of a scene: "RP:", "scene:", a character sheet, "*draws sword*", "continue the
                      # scene", "I am Sir Cedric", "I'm the captain of the starship…"
                      r"|rp|character sheet|(?:next|first|opening) line|continue the (?:scene|story)|(?:the )?scene"
                      r"(?=:)|i am (?:sir|lord|lady|captain|king|queen|prince|princess|commander|detective|agent) \w+"
                      r"|i'?m the (?:captain|king|queen|ruler|commander|leader|heir) of"
                      # a game or a prompt: "in our text adventure", "story prompt:", "my OC", "you be the shopkeeper",
                      # "write from my perspective:"
                      r"|text adventure|adventure game|improv|in (?:this|the|our) (?:scene|game|scenario"
                      r"|simulation)|game idea"
                      r"|dungeon master|game master|interview me|(?:story|writing"
                      r"|rp) prompt|my ocs?|original character"
                      # "thought experiment: I'm a medieval peasant", "scenario: I'm the CEO…", "juguemos a rol"
                      r"|thought experiment|hypothetically|(?:^|\n)\s*scenario(?=:)|for a persona|"
                      r"(?:juguemos|jugamos|vamos jogar|jogamos) (?:a|um)? ?(?:rol|rpg)|rollenspiel|jeu de r[ôo]le"
                      r"|you'?re (?:a|an|the|my) [\w -]{1,40}?\band i'?m (?:a|an|the)"
                      r"|(?<!can )(?<!could )(?<!would )(?<!will )you (?:be|play) (?:the|a|an) \w+"
                      r"|write (?:it |this |a \w+ )?from my (?:\w+'s )?perspective)\b"
                      r"|(?:^|\s)\*[a-z]+s(?: [\w'-]+){0,6}\*|\*in (?:a|an|my|his|her) [\w -]{1,30}voice\*"
                      # a screenplay slug, a story named as the frame ("In this fanfic, I'm…"), role-play in more
                      # languages
                      r"|(?-i:\b(?:INT|EXT)\.\s)|\bin (?:this|my|our|the) (?:fan ?fic\w*|fan fiction|story|novel|au"
                      r"|universe|roleplay|rp)\b|rollespil\w*|rollspel\w*|rollenspel\w*|gioco di ruolo|juego de rol"
                      r"|rol yapal\w*|ролев\w+ игр\w*|odgrywa\w* ról"
                      # a script line under a speaker's name: "JULIET: I am too young…", "… NIGHT. MARIA: I'm…"; not
                      # a header the writer puts before their own words ("PSA: I'm vegan", "UPDATE: I moved")
                      r"|(?:^|[.:!?]\s+)(?!(?:PSA|FYI|NB|TLDR|TL;DR|UPDATE|UPD|EDIT|NOTE|ETA|ALSO|BTW|IMPORTANT"
                      r"|PS|P\.S|OK|LOL|OMG|ME|INFO|CONTEXT|BACKGROUND|RE|FWIW|IMO|IMHO|WARNING|HEADS UP|TIL|AITA"
                      r"|ELI5|QUESTION|REMINDER|DISCLAIMER|GOAL|TODO|SUMMARY|PROBLEM|ISSUE|HELP|URGENT|ASAP)\b)"
                      r"(?-i:[A-Z][A-Z'.-]{2,}"
                      r"(?: [A-Z][A-Z'.-]+)?)\s*(?:\([^)]{0,30}\))?:\s"
                      # pasted creative writing under a label or with a credit: "Chapter 3 draft:", "Here's my
                      # poem:", "Haiku I wrote —", "Fanfic bit:", "Chapter 1.", "Continue my diary-style story:",
                      # "… (verse 2 of my poem)"; a plain "My story:" may be the user's own, so it is no label here
                      r"|^\s*(?:here'?s |here is |this is )?(?:my |a |the |our |an )?(?:[\w-]+ )?(?:story "
                      r"(?:time|opener|opening|draft|idea|excerpt|snippet|bit)|short story|bedtime story|tale|poem"
                      r"|poetry|verse|stanza|haiku|limerick|sonnet|ballad|rap verse|song lyrics?|lyrics?|chorus"
                      r"|fan ?fic\w*|fan fiction|novel|chapter|screenplay|monologue|prologue|epilogue|rap bars?|bars"
                      r"|script(?: lines?)?|dialogue"
                      r"|character (?:bio|profile|description|backstory))"
                      r"(?:,? (?:\d+|[ivx]+|draft|excerpt|snippet|so far|wip|bit|opener|opening|i (?:just )?wrote"
                      r"|i'?m writing|i'?m working on|for my (?:\w+ )?(?:song|poem|story|book|novel|script|play|band"
                      r"|track|album|game)|starts|begins|goes|opens|reads"
                      r"|(?:in )?(?:the )?first[- ]person))*\s*(?::|—|–| - |\n|\.(?=\s))"
                      # asked to go on with one: "Write the next verse:", "Finish my song:", "Continue the poem:"
                      r"|^\s*(?:please |pls |can you |could you )?(?:write|continue|finish|complete|add)\b"
                      r"[^:\n]{0,30}?\b(?:verse|stanza|poem|song|lyrics?|chorus|story|chapter|scene|fan ?fic|novel"
                      r"|limerick|haiku|rap)\b[^:\n]{0,15}:"
                      r"|\bcontinue (?:my|the|this|our) [\w -]{0,25}?(?:story|poem|chapter|novel|tale|saga)\b"
                      r"|\((?:[\w ]{0,25} )?(?:of|from) my (?:poem|song|story|novel|lyrics|fanfic|screenplay|book)\)",
                      re.I)
_QUOTE_LINE = re.compile(r"^\s*>.*$|(?i:traceback) \(most recent call last\):?(?:\n[ \t]+.*)*"
                         r"|^.*\b(?-i:(?:[A-Z]\w*)?(?:Error|Exception)(?=:)|ERROR|FATAL)\b.*$"
                         r"|\berror(?:\[\w+\])?:.*$"
                         # "Rewrite this paragraph to sound more formal:" and the paragraph below it
                         r"|^\s*(?:please |pls |can you |could you )?(?:rewrite|edit|polish|improve|shorten|simplify"
                         r"|make)\b[^:\n]{0,80}:[ \t]*\n[\s\S]*"
                         r"|^\s*\d{4}-\d\d-\d\d[ T]\d\d:\d\d.*$"
                         r"|^\s*(?:please |pls )?(?:sort|turn|convert|format|reformat|alphabeti[sz]e|organi[sz]e|"
                         r"categori[sz]e|classify|extract|count|tag)\b[^:\n]{0,60}:.*$|^\s*(?:#|//)\s*(?:todo"
                         r"|fixme|xxx|note)\b.*$|^\s+[\w-]+:.*$|^[\w-]+:\s*$"
                         # material to work on: "Translate to French: I hate mornings"
                         r"|\b(?:translate|proofread|paraphrase|rephrase|reword|rewrite|grammar[- ]check"
                         r"|spell[- ]?check|"
                         r"(?:correct|fix|check|clean up|tidy up) (?:the |my |this )?(?:grammar|punctuation|spelling|"
                         r"typos|wording|capitali[sz]ation))\b[^:\n]{0,60}:.*$"
                         # the same in other languages: "Traduis en anglais : …", "이 문장을 영어로 번역해 주세요: …"
                         r"|(?:\b(?:tradu[cz]\w*|übersetz\w*|vertaal\w*|przetłumacz\w*|перевед\w*|перекла\w*"
                         r"|çevir\w*|terjemahkan|dịch)|번역|翻译|翻訳|翻譯)[^:：\n]{0,60}[:：].*$", re.M | re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+|\s+[—–]\s+|\s+-\s+|;\s*|\s*[—–]\s*(?=[a-z]{2,} )"
                       r"|(?:^|\s+)\(?\d{1,2}[).]\s+(?=[a-z])")
_WH = (r"(?:what|what's|how|which|where|when|why|who|whom|whose|can|could|would|should|shall|do|does|did|is|are|"
       r"was|were|will|any|anything|got|please|pls|recommend|suggest|help|tell|give|show|find|i need|i'd like|i want|"
       r"i'd love)\b")
_CLAUSE_BREAK = re.compile(rf",\s+(?!(?:please|pls|plz)\W*$)(?={_WH}|am i\b|(?:i'?m|im|i am|i have|i've|ive|my)\s)"
                           rf"|\s+(?:so|and so|but|and)\s+(?={_WH})|:\s+"
                           rf"|,?\s+(?:and|but|also|plus)\s+(?=(?:i|i'm|im|i've|my)\s)"
                           rf"(?!i'?m (?:happy|set|good|sold|golden)\b)"
                           rf"|,\s+(?=(?:lost|had|got|moved|quit|retired|was|went|spent|grew up)\s)"
                           # another language: a new subject after a comma or "and" ("je suis retraité, j'étais…")
                           rf"|,?\s+(?:et|und|y|e|и|en|och|og)\s+(?=(?:je|j'|ich|yo|eu|io|я|ik|jag|jeg)\b)",
                           re.I)  # one fact

_LEAD = (r"(?:(?:oh|well|so|btw|by the way|fyi|also|and|but|just so you know|for context|for the record|"
         r"heads up|note|ok|okay|hi|hey|hello|yeah|yes|um|actually|honestly|anyway|ah|also note|quick note|"
         r"these days|nowadays|lately|recently|currently|right now|at the moment|as of (?:today|now|this \w+)|"
         r"starting (?:today|now|this \w+)|since (?:last|this) \w+|for what it'?s worth|fwiw|personally)"
         r"[,:!.]?\s+)*")
_FIRST_PERSON = re.compile(
    rf"^{_LEAD}(?:i|i'm|im|i've|ive|i'd|i'll|my|me|mine|as an?|being(?: an?)?|we|we're|our|"
    rf"(?:since|because|after|now that|ever since) (?:my|i|i'm|i've)"
    # the subject dropped, as people text: "allergic to kiwi", "can't stand jazz", "big fan of rugby"
    rf"|(?:severely |very |mildly |super )?(?:allergic|intolerant|sensitive) to"
    rf"|(?:really |totally |absolutely |definitely |just |also )?"
    rf"(?:can'?t|cannot|don'?t|do not|never|always|only|won'?t)"
    rf" (?:eat|drink|stand|handle|tolerate|do|like|love|hate|prefer|avoid|enjoy|use|go|fly|"
    rf"drive|own|have|touch|watch|read)"
    rf"|(?:really |totally |absolutely |not |not really |not much of )?(?:an? )?"
    rf"(?:big |huge |massive )?(?:fan|lover|fanatic) of"
    rf"|(?:really |totally |super )?into"
    rf"|(?:love|hate|prefer|adore|enjoy|avoid|dislike|loathe|despise|detest)s?"
    rf"|(?:no longer|not \w+ing|quit|stopped|started|gave up|switched to|went back to|became|been)"
    rf"|(?:not much of|not really|kind of|sort of|more of) an? \w+ (?:person|fan|type|guy|gal|girl|eater|drinker)"
    rf"|(?:mom|mum|dad|mother|father|parent|grandma|grandpa) of"
    rf"|(?:single|stay-at-home|working|new|first-time|newly|recently|happily) \w+"
    rf"|(?:moved|moving|retired|divorced|married|engaged|unemployed|self-employed|back on|back to|counting|tracking|"
    rf"trying to|cutting out|cutting back|recovering from|living with|dealing with|"
    rf"just (?:had|moved|started|got|turned))"
    rf"|[\w' -]{{2,40}}? here(?=[,.!]|\s*$)"
    rf"|(?:currently |now )?(?:living|based|working|studying|staying) (?:in|at|from|as)"
    rf"|\w+(?: \w+)? here(?=[,.!]|$))\b", re.I)
# "cilantro tastes like soap to me", "nothing with nuts for me": the user as object
_ME_OBJECT = re.compile(r"\b(?:for me|to me|gives? me|makes? me|bothers? me|drives? me|upsets? my|triggers? my|"
                        r"my (?:thing|jam|favou?rite|go-to|weakness|trigger)|how i like it|i just can'?t do|"
                        r"i don'?t do)\b",
                        re.I)
# A condition or practice named without a subject ("mustard allergy", "type 1 diabetic, on a pump")
_SELF_CONDITION = re.compile(
    r"\b(?:allerg(?:y|ic|ies)|intoleran(?:t|ce)|diabetic|asthmatic|coeliac|celiac|pregnant|vegan|vegetarian|"
    r"pescatarian|kosher|halal|on (?:warfarin|insulin|metformin|blood thinners|medication|meds|antidepressants|"
    r"a pump)|wheelchair|deaf|hard of hearing|blind|dyslexic|adhd|autistic|epilep\w+|migraines?|chronic \w+|"
    # who the user is: "nonbinary", "widowed", "non-native English speaker", "fluent in Japanese", "freelance"
    r"non-?binary|transgender|trans (?:man|woman)|widow(?:ed|er)?|non-native|native (?:\w+ )?speaker|fluent in|"
    r"immigrant|expat|retiree|freelanc\w*|self-employed|supporter|sober|quaker|muslim|jewish|catholic|hindu|buddhist|"
    r"sikh|jain|mormon|atheist|agnostic|gay|lesbian|bisexual|queer|"
    # diets named alone: "keto. strict.", "flexitarian"
    r"keto|paleo|flexitarian|teetotal|low-(?:carb|fodmap|sodium)|(?:gluten|dairy|lactose|sugar|caffeine)-free)\b",
    re.I)
_PRONOUNS = re.compile(r"\b(?:he|she|they|xe|ze)/(?:him|her|them|they|he|she|xem|hir)\b|\bpronouns\b", re.I)
_NOT_ME = re.compile(r"^(?:he|she|they|his|her|their|people|someone|anyone|everyone|nobody|vegans|vegetarians|kids|"
                     r"children|is|are|was|were|does|do|can|the|a|an|this|that|it)\b(?!'t|n't)", re.I)
# Statements in other languages (the classifier reads English only, so these are kept on the rules)
_FIRST_PERSON_OTHER = re.compile(
    r"^(?:soy|estoy|tengo|vivo|trabajo|prefiero|me gusta|me encanta|odio|no como|no bebo|no me gusta|"
    r"je suis|j'ai|je vis|j'habite|je travaille|je préfère|j'aime|je n'aime|je déteste|je ne mange|je ne bois|"
    r"ich bin|ich habe|ich wohne|ich lebe|ich arbeite|ich mag|ich esse|ich trinke|ich hasse|ich bevorzuge|"
    r"sono|ho|abito|lavoro|preferisco|mi piace|non mangio|non bevo|"
    r"sou|estou|tenho|moro|trabalho|prefiro|gosto|odeio|não como|não bebo|eu|"
    # more verbs of the first person that no English clause opens with: "Insegno matematica…", "Doy clases de…"
    r"enseño|estudio|hago|doy|cocino|sufro|manejo|soporto|llevo|cuido|crío|padezco|me encantan|me gustan|"
    r"no (?:tomo|puedo|soporto|tolero|tengo|manejo|conduzco|fumo)|"
    r"insegno|faccio|gioco|leggo|scrivo|parlo|cucino|seguo|soffro|abito|suono|guido|sto|"
    r"ensino|estudo|faço|jogo|leio|escrevo|falo|cozinho|sofro|dirijo|crio|"
    r"j'\w+|je \w+|"
    r"mieszkam|uczę|kocham|nienawidzę|gram|studiuję|prowadzę|używam|choruję|cierpię|jeżdżę|"
    r"proszę (?:pisać|odpowiadać|mówić|tłumaczyć|używać)|"
    # a verb put before its subject: "Übrigens bin ich Linkshänderin"
    r"(?:\w+ ){0,3}(?:bin|habe|hab|wohne|lebe|arbeite|esse|trinke|ben|heb|woon|werk|är|har|bor) (?:ich|ik|jag)|"
    # the first person of Dutch, the Scandinavian languages, Polish and Finnish
    r"ik (?:ben|heb|woon|werk|eet|drink|hou)|jag (?:är|har|bor|jobbar|arbetar|äter|dricker|gillar|älskar)|"
    r"jeg (?:er|har|bor|arbejder|jobber|spiser|drikker|elsker)|jestem|mieszkam|pracuję|nie jem|nie piję|lubię|"
    r"olen|asun|minulla on|en syö|en juo|"
    # more of the first person: Scandinavian and Slavic verbs, Russian, Greek, Turkish, Swahili, Czech
    r"jag \w+|jeg \w+|ik \w+|mam|nie \w+ę|я|мне|у меня|мой|моя|мои|είμαι|έχω|μένω|benim|"
    r"ninaishi|ninapenda|ninafanya|ninakaa|sina|sipendi|mimi ni|jsem|bydlím|nejím)\b"
    # a lasting request in another language: "Rispondimi sempre in modo breve", "Proszę, odpowiadaj zawsze krótko"
    r"|^(?:[\w,'-]+ )*?(?:siempre|toujours|immer|sempre|zawsze|altijd|alltid|aina|всегда|vždy|daima|kila mara|mindig|"
    r"uvijek|vždycky)\b(?= \w)|^.*?(?:いつも|常に|毎回|总是|總是|每次|항상|언제나|매번|以后|今后|以後|今後|从现在开始"
    r"|これから|앞으로"
    r"|دائما|دائمًا|دائماً)"
    # a habitual (imperfective) request to answer in Russian: "Пожалуйста, отвечай коротко"
    r"|^(?:пожалуйста,? )?(?:отвечай|отвечайте|пиши|пишите|говори|говорите|объясняй|объясняйте)\b"
    # Japanese "talk casually, please" (a manner, no object: not "explain photosynthesis simply")
    r"|^[^を]*(?:に|く)(?:話して|答えて|説明して|書いて|返事して)(?:ください|下さい|ほしい)"
    # Turkish first person present ("İstanbul'da yaşıyorum"), Arabic first-person verbs ("أعيش في عمّان")
    r"|^.*?\w+[ıiuü]yorum\b|^(?:أعيش|أسكن|أعمل|أحب|أكره|أفضل|لا آكل|لا أشرب|أتكلم|أدرس)"
    # scripts without spaces between words, or with their own pronouns: Hindi, Japanese, Korean, Chinese, Arabic
    r"|^(?:मैं|मेरा|मेरी|मेरे|मुझे|मुझको|私は|私の|僕は|わたしは|俺は|저는|나는|제가|저의|내가|我是|我有|我不|我喜欢|"
    r"我住|我在|我对|我每|我的|أنا|لدي|عندي"
    r"|我(?!想|需要|觉得|覺得|认为|認為|今天|明天|刚|剛|可能|也许|以前|曾经|曾經|小时候|们的|問|问))", re.I)
# the past in other languages: "Vroeger was ik vegetariër", "Früher war ich…"
_PAST_OTHER = re.compile(r"\b(?:vroeger|früher|autrefois|antes era|solía|solia|costumavo|kiedyś|раньше|förr|"
                         r"før i tiden)\b"
                         r"|\b(?:je|j')?(?:étais|était)\b|\b(?:ich war|ik was|jag var|jeg var|io ero|yo era)\b", re.I)
# What the rules of the English clauses rule out, in other languages (their statements skip the classifier):
# undecided ("vielleicht kauf ich mir irgendwann…"), one day ("Ich habe heute Kopfschmerzen", "Estou no trem
# agora"), someone else ("Meine Frau ist allergisch…"), a request or small talk ("ho bisogno di un consiglio",
# "मुझे एक कहानी सुनाओ")
_UNSETTLED_OTHER = re.compile(
    r"\b(?:vielleicht|irgendwann|mal sehen|überlege|peut-être|un jour|je pense à|quizás?|tal vez|algún día|"
    r"estoy pensando en|forse|un giorno|sto pensando di|talvez|um dia|estou pensando em|misschien|ooit|kanske|"
    r"kanskje|en dag|może|kiedyś|возможно|может быть|когда-нибудь|belki|mungkin|có lẽ|можливо|мабуть|колись|"
    r"možná|někdy|talán|egyszer|poate|cândva|ehkä|joskus|måske|ίσως|κάποτε|אולי|شاید|ربما|labda)\b"
    r"|也许|可能|或许|たぶん|かもしれ|아마|शायद", re.I)
_ONE_DAY_OTHER = re.compile(
    r"(?<!seit )(?<!depuis )(?<!desde )(?<!da )(?<!sejak )(?<!sinds )"
    r"\b(?:heute|morgen|gestern|gerade|diese woche|heute abend|aujourd'hui|demain|ce soir|cette semaine|hoy|mañana|"
    r"ayer|esta noche|esta semana|oggi|domani|ieri|stasera|stamattina|questa settimana|hoje|amanhã|ontem|"
    r"esta noite|vandaag|gisteren|vanavond|deze week|idag|i dag|imorgon|i morgon|ikväll|i kveld|dziś|dzisiaj|"
    r"jutro|wczoraj|сегодня|завтра|вчера|сьогодні|учора|bugün|yarın|dün|bu akşam|hari ini|besok|kemarin|"
    r"hôm nay|ngày mai|hôm qua|в пробке|у заторі|w korku"
    r"|im stau|dans les bouchons|en el tráfico|no trânsito|in de file|i trafiken|trafikte"
    r"|застря\w*)\b|^(?:estoy|estou|sto)\b.*\b(?:ahora|agora|adesso)\b"
    r"|今天|明天|昨天|今晚|今日|明日|昨日|오늘|내일|어제|आज", re.I)
_OTHERS_OTHER = re.compile(
    r"^(?:mein(?:e|em|en|er)?|mi|mis|ma|mon|mes|mia|mio|miei|mie|il mio|la mia|i miei|le mie|minha|meu|meus|"
    r"minhas|a minha|o meu|mijn|min|mitt|mina|moja|mój|moi|moje|моя|мой|мои|у моей|у моего) "
    r"(?:frau|mann|mutter|vater|sohn|tochter|bruder|schwester|freund|freundin|kinder|kind|chef|chefin|"
    r"mitbewohner|mitbewohnerin|kollege|kollegin|eltern|oma|opa|esposa|esposo|mujer|marido|madre|padre|hijo|hija|"
    r"hijos|hermano|hermana|novio|novia|amigo|amiga|jefe|jefa|femme|mari|mère|père|fils|fille|frère|sœur|soeur|"
    r"copain|copine|ami|amie|patron|collègue|enfants|moglie|marito|figlio|figlia|figli|fratello|sorella|"
    r"ragazzo|ragazza|capo|collega|coinquilino|coinquilina|mulher|mãe|pai|filho|filha|irmão|irmã|namorado|"
    r"namorada|chefe|vrouw|moeder|vader|zoon|dochter|broer|zus|vriend|vriendin|baas|fru|mamma|pappa|dotter|"
    r"bror|syster|żona|mąż|mama|tata|syn|córka|brat|siostra|szef|szefowa|жена|муж|мама|папа|сын|дочь|брат|сестра|друг|"
    r"подруга|kæreste|kjæreste|kone|mand|mor|far|søn|sønn|datter|søster|ven|venn|veninde|venninne|sjef|"
    r"kollega|børn|barn|forældre|foreldre|sambo|pojkvän|flickvän|make|maka|son|vän|föräldrar)\b"
    # Danish, Norwegian and Swedish put "my" after the noun: "kjæresten min", "mamman min", "sonen min"
    r"|^(?:kæresten|kjæresten|konen|kona|manden|mannen|moren|mora|faren|sønnen|datteren|dottern|broren|brodern|"
    r"søsteren|systern|vennen|vännen|veninden|venninnen|sjefen|chefen|kollegaen|kollegan|barna|børnene|barnen|"
    r"flickvännen|pojkvännen|sambon|mamman|pappan|sonen) (?:min|mi|mitt|mine|mina)\b"
    r"|^我(?:的)?(?:老婆|老公|妻子|丈夫|妈妈|爸爸|儿子|女儿|哥哥|姐姐|弟弟|妹妹|朋友|室友|同事|老板)", re.I)
_ASK_OTHER = re.compile(
    r"\b(?:bisogno di (?:un |una |dell')?(?:consiglio|aiuto|mano|idea)|una domanda|necesito (?:ayuda|un consejo|"
    r"una idea)|una pregunta|besoin d'(?:aide|un conseil|une idée)|une question|brauche (?:hilfe|einen rat|rat|"
    r"tipps|eine idee)|eine frage|preciso de (?:ajuda|um conselho|uma dica)|uma pergunta|een vraag|hulp nodig|"
    r"en fråga|behöver hjälp|et spørsmål|pytanie|potrzebuję pomocy|вопрос|нужна помощь|нужен совет)\b"
    r"|(?:ओ|इए|िए|ो)\s*[।.!]?$|问题|質問|질문"
    r"|^(?:bitte )?(?:schreib|schreibe|erklär|erkläre|gib|zeig|zeige|mach|hilf|nenn|erstell|erstelle|fass)\b"
    r"|^(?:por favor,? )?(?:escríbeme|dame|explícame|hazme|dime|escribe|explica|haz|écris|donne|explique|fais|"
    r"dis-moi|scrivimi|dammi|spiegami|fammi|dimmi|scrivi|spiega|escreva|escreve|explique|me dá|me diga|schrijf|"
    r"geef|leg uit|napisz|daj|wyjaśnij|напиши|дай|объясни|расскажи|açıkla|anlat)\b", re.I)
# Is a clause in another language? The head reads English only (MiniLM), so a clause that is not English is
# decided on these rules alone: kept when it speaks in the first person, never sent to the head. English is
# told apart by its function words; letters of another script (Cyrillic, CJK, Arabic, …) count as foreign.
_EN_WORDS = frozenset("i i'm im i've ive i'd my me we our the an and or but to of at for with is are was have has "
                      "it so not don't can't this that you be just really very from by like lol btw please pls if on "
                      "what how about because".split())
_FOREIGN_WORDS = frozenset(
    # es fr de it pt nl pl tr sv/no/da id vi sw, and Hindi/Urdu written in Latin letters; words English shares
    # ("a", "in", "me", "no", "die", "per", "main", "w") are left out
    "el la los las de del que y en con por para una muy pero mis tengo estoy es "
    "un le les des du et je suis est une avec pour dans pas mon ma mes ne qui au aux quand "
    "der das und ich bin ist nicht mit für ein eine mein meine auf im habe auch sehr aber "
    "quando cuando ero il gli di che sono ho non della nel molto ma mio mia anni anche più già sempre questo questa "
    "os dos das em não um uma eu meu minha é sou tenho mas muito "
    "het een ik ben niet voor mijn "
    "nie jest się mam jestem że bo moja mój "
    "ve bir bu çok için ile ben benim değil var yok lütfen "
    "och är jag har inte ett det jeg ikke og "
    "saya aku dan yang di ke tidak ini itu dengan untuk jadi tolong "
    "tôi và không là có của một những cả mình "
    "ni na wa ya za kwa sana mimi hapa tu yangu wangu kazi "
    "hai hain nahi nahin ke ka ki mein toh bhi se ko kya yaar mera meri mere mujhe".split())
_HALF_WORDS = frozenset("en os es um ma il se tu ni na wa ya ke ka ki ko da di ve bu ben".split())
_TOKEN = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")


OTHER_SCRIPT, OTHER_LATIN = "other_script", "other_latin"


def _language(text: str) -> str | None:
    """`OTHER_SCRIPT` for a clause written mostly in another script, `OTHER_LATIN` for another language in Latin
    letters (see `_FOREIGN_WORDS`), None for English."""
    words = [w.casefold() for w in _TOKEN.findall(text)]
    english = sum(w in _EN_WORDS for w in words)
    latin = other = 0
    for c in text.casefold():
        if "a" <= c <= "z" or "à" <= c <= "ɏ" or "Ḁ" <= c <= "ỿ":
            latin += 1
        elif c.isalpha():  # a character of CJK, kana or hangul says about as much as a word
            other += 3 if c >= "\u2e80" else 1
    if other:  # "I live in 東京" is English, "うちの柴犬のクロ (Kuro) is 6 now" is not
        return OTHER_SCRIPT if other > latin else None
    if english == 0 and any(c in "ışğłżźśąęőűøåæßãõřěůčžșțăœ" for c in text.casefold()):
        return OTHER_LATIN  # letters English has no use for ("Sık sık migren ataklarım oluyor")
    # a short word that also turns up in English text ("y/o", "EN", "z/OS") counts half
    foreign = sum(0.5 if len(w) == 1 or w in _HALF_WORDS else 1 for w in words if w in _FOREIGN_WORDS)
    return OTHER_LATIN if foreign >= 1 and foreign > english else None


# Greetings and linking words before the statement: "Ciao! Insegno…", "Кстати, у меня…", "你好，我在…", "Au fait, je…"
_LEAD_OTHER = re.compile(
    r"^(?:(?:hola|ciao|salve|bonjour|bonsoir|salut|coucou|hallo|servus|moin|hi|hey|hello|oi|olá|ola|bom dia|"
    r"boa tarde|boa noite|buenos días|buenas|buenas tardes|qué onda|que onda|dzień dobry|cześć|привет|"
    r"здравствуйте|добрый день|merhaba|selam|namaste|salam|halo|xin chào|chào|shalom|hej|hoi|moi|ah|oh|eh|y|e|"
    r"et|und|и|а|кстати|кроме того|ещё|еще|por cierto|además|también|au fait|d'ailleurs|aussi|übrigens|außerdem|"
    r"bhai|yaar|arre|acha|accha|ach ja|ah sì|comunque|inoltre|anche|aliás|também|btw|by the way|bir de|ayrıca|"
    r"bu arada|poza tym|"
    r"przy okazji|zresztą|nel tempo libero|en mi tiempo libre|dans mon temps libre|in meiner freizeit|"
    r"no meu tempo livre|di solito|normalmente|d'habitude|en général|generalmente|in genere|por lo general|"
    r"meistens|normalerweise|trouwens|ook|förresten|dessutom|forresten|nawiasem mówiąc|sawa|pia|habari|"
    r"נ\.ב|בנוסף|وأيضا|أيضا|بالمناسبة|مرحبا|نमस्ते|नमस्ते|और|वैसे)(?=[\s,!.:、，。！]|$)[\s,!.:、，。！]*"
    r"|(?:你好|您好|大家好|对了|對了|顺便说一下|还有|另外|こんにちは|あと|それと|ちなみに|안녕하세요|그리고|참고로|또)"
    r"[\s,!.:、，。！]*)+", re.I)
# The first person where it shows in other languages (applied to clauses `_is_foreign` finds): pronouns, verbs
# in the first person, "I have" built with a possessive ("у меня", "kedim var", "nina", "יש לי", "عندي")
_SELF_FOREIGN = re.compile(
    r"^(?:yo|uso|leo|juego|corro|sigo|toco|odio|amo|adoro|no (?:uso|como|bebo)|"
    r"moi|mon|ma|mes|ich|mein|meine|mir|io|studio|vivo|ik|mijn|mój|moja|moje|"
    r"я|мне|у меня|у нас|мой|моя|мои|наш|наша|мы|живу|работаю|учусь|преподаю|люблю|ненавижу|"
    r"ben|benim|"
    r"tôi|mình|saya|aku|gue|gw|ako|ako'y|"
    r"sunt|locuiesc|lucrez|nu mănânc|vagyok|lakom|dolgozom|nekem|jsem|bydlím|pracuji|pracuju|"
    r"εγώ|είμαι|έχω|μένω|δουλεύω|"
    r"main|mai|mera|meri|mere|mujhe|hum|humara|hamara|humare|hamare|humari|hamari|"
    r"mimi|nina\w*|sina\w*|nime\w+|\w{3,}[ıiuü]m(?=[,.!]|$)|"
    r"أنا|لدي|عندي|أعيش|أسكن|أعمل|أحب|أكره|أفضل|أتكلم|أدرس|أعتني|أستخدم|أعاني|أتبع|أملك|أصوم|أمارس|أربي|لا أستطيع|"
    r"لا آكل|لا أشرب|لا أحب|"
    r"אני|יש לי|אין לי|"
    r"من|ผม|ฉัน|ดิฉัน|"
    r"私|僕|俺|わたしは|うちは|うちの|저는|나는|제가|내가|저희|저도|나도)"
    r"(?=[\s,.!:、，。]|$|(?<=[私僕俺はの]))"
    # anywhere in the clause: "…, я гуманитарий", "bundles ni ghali sana kwangu", "Evde üç kedim var",
    # "ataklarım oluyor", Turkish and Korean verbs of the first person, Japanese "…ています" without a subject
    r"|\b(?:я|у меня|у нас|kwangu|nina\w+|je suis|j'ai|ich bin|ich habe|soy|tengo|sono|sou|tenho|"
    r"jestem|mam|hoon|hun)\b|मैं"
    r"|\b\w+(?:[ıiuü]m|ler[ıi]m|lar[ıi]m) (?:var|yok|oluyor|olur)\b|\b\w{2,}yorum\b"
    r"|(?:살고 있|살아요|일해요|일하고 있|근무해요|근무하고|다녀요|다니고 있|먹어요|안 먹|못 먹|좋아해요|싫어해요|"
    r"키우고 있|키워요|써요|사용해요|배우고 있|공부하고 있)"
    r"|(?:[てで]いる|ます|ません)[。!！]?$|(?:中な|者な|ている|てる|がある|がいる|[てで]います)(?:ので|から)",
    re.I)
# the writer named in the rest of a clause that opens on someone else ("मेरी माँ बीमार हैं और … मैं ही करती हूँ")
_SELF_PRONOUN_OTHER = re.compile(r"\b(?:я|мне|меня|je|j'|ich|mir|mich|yo|eu|io|ik|jag|jeg|ben|tôi|saya|aku)\b|मैं|私|僕|"
                                 r"저는|제가|나는|내가|أنا|אני|我(?!的?(?:朋友|妈妈|爸爸|老婆|老公|孩子))", re.I)
# Not the writer's lasting self, in other languages: "if", the past, someone else, an opinion
_HYPOTHETICAL_OTHER = re.compile(
    r"^(?:si|se|wenn|falls|als|om|если|jeśli|jeżeli|gdyby|gdybym|eğer|kalau|jika|nếu|אם|إذا|لو|अगर|agar|"
    r"уяви|уявіть|уявімо|представь|представьте|imagina|imagine|imaginez|immagina|stell dir vor|stel je voor|"
    r"wyobraź sobie|tänk dig|forestil dig|tenk deg|hayal et|bayangkan)\b"
    r"|\b(?:würde|würden|hätte|wäre|бы|fossi|avessi|tuviera|fuera|pudiera|gagnais|serais|aurais|seria|"
    r"tivesse|fosse|\w{2,}(?:erais|irais|rait|ríamos|rebbe)|\w{3,}rei)\b|如果|要是|假如|もし|만약|만일", re.I)
_PAST_OTHER_MORE = re.compile(
    r"\b(?:el año pasado|l'année dernière|l'an dernier|letztes jahr|letzten sommer|l'anno scorso|"
    r"(?:no )?ano passado|в прошлом году|geçen (?:yıl|sene)|eskiden|çocukken|w zeszłym roku|vorig jaar|"
    r"förra året|tahun lalu|năm ngoái|quando ero|cuando era|quand j'étais|quando (?:eu )?era|morava|vivia"
    r"|когда я был\w*|"
    r"kiedy był(?:em|am)|j'ai (?:été|vécu|travaillé|habité|fait|eu|étudié|passé)|fui|estuve|viví|trabajé|"
    r"estudié|estive|morei|trabalhei|fiz|estudei|larguei|sono stat[oa]|ho (?:vissuto|lavorato|studiato|"
    r"fatto|abitato)|ero|war|waren|был|была|было|были|жил|жила|работал|работала|учился|училась)\b"
    r"|\bich habe\b.*\bge\w+(?:t|en)[.!]?$"
    r"|去年|前年|昨年|작년|كنت|जब मैं|学生の頃|子供の頃|子どもの頃|小时候|以前|曾经|曾經|어렸을 때|예전에"
    r"|(?:ました|でした|かった|だった)[。!！]?$|(?:었어요|았어요|였어요|했어요|었습니다|았습니다|했습니다)[.!]?$",
    re.I)
_CHANGE_OTHER = re.compile(r"\b(?:ne \w+ plus|depuis|desde|seit|ya no|já não|não \w+ mais|non \w+ più|nicht mehr|"
                           r"kein\w* \w+ mehr|больше не|уже не|artık|już nie|niet meer|inte längre|ikke lenger)\b",
                           re.I)
_OPINION_OTHER = re.compile(
    r"\b(?:je pense que|je trouve que|à mon avis|creo que|pienso que|me parece que|en mi opinión|acho que|"
    r"penso que|na minha opinião|penso che|secondo me|credo che|ich finde|ich denke|ich glaube|meiner meinung nach|"
    r"я думаю|по-моему|мне кажется|bence|sanırım|moim zdaniem|uważam|myślę|volgens mij|ik vind|ik denk|"
    r"jag tycker|jeg synes|menurut saya|tôi nghĩ|לדעתי|אני חושב|أعتقد|في رأيي|मुझे लगता)\b"
    r"|我觉得|我覺得|我認為|我认为|と思う|と思います|것 같아|것 같습니다", re.I)
# Someone else opens the clause: "Un ami à moi…", "友達が…", "أخي…", "annem…", "Mijn buurman…"
_OTHERS_OTHER_MORE = re.compile(
    r"^(?:(?:un|une|una|um|uma|ein|eine|einer) (?:\w+ )?(?:ami|amie|collègue|voisin|voisine|amigo|amiga|"
    r"compañero|compañera|colega|vecino|vecina|vizinho|vizinha|freund|freundin|kollege|kollegin|nachbar|"
    r"nachbarin|amico|amica|collega|vicino|vicina)\b"
    r"|(?:mon|ma|mes|mi|mis|mein|meine|meinem|meiner|il mio|la mia|mio|mia|minha|meu|mijn|min|mitt|moja|mój|"
    r"мой|моя) (?:\w+ )?(?:compagnon|compagne|conjoint|conjointe|voisin|voisine|cousin|cousine|oncle|tante|"
    r"grand-mère|grand-père|vecino|vecina|primo|prima|tío|tía|abuela|abuelo|pareja|vizinho|vizinha|avó|avô|"
    r"nachbar|nachbarin|cousine|onkel|tante|oma|opa|partner|partnerin|vicino|vicina|nonna|nonno|zio|zia|buurman|"
    r"buurvrouw|oom|tante|sąsiad|sąsiadka|babcia|dziadek|сосед|соседка|бабушка|дедушка|коллега|начальник|coloc|"
    r"colocataire|petit-fils|petite-fille|petits-enfants|nieto|nieta|neto|neta|nipote|enkel|enkelin|wnuk|wnuczka|"
    r"внук|внучка)\b"
    r"|(?:annem|babam|eşim|(?:kız |erkek )?kardeşim|arkadaşım|oğlum|kızım|kocam|karım|ablam|abim)\b"
    r"|(?:kaka|dada|mama|baba|rafiki|mke|mume|mtoto|binamu|jirani) (?:yangu|wangu)\b"
    r"|(?:أخي|أختي|أمي|أبي|زوجي|زوجتي|صديقي|صديقتي|ابني|ابنتي)"
    r"|(?:bạn tôi|mẹ tôi|bố tôi|anh tôi|chị tôi|vợ tôi|chồng tôi|teman saya|ibu saya|ayah saya|suami saya|"
    r"istri saya|adik saya|kakak saya)\b"
    r"|(?:אחי|אחותי|אמא שלי|אבא שלי|החבר שלי|החברה שלי|אשתי|בעלי)"
    r"|(?:मेरे दोस्त|मेरी दोस्त|मेरी माँ|मेरी मां|मेरे भाई|मेरी बहन|मेरे पिता|मेरे पापा|मेरी मम्मी|मेरी पत्नी"
    r"|मेरे पति|"
    r"mera dost|meri dost|meri maa|mere papa|mera bhai|meri behen|meri wife|mere husband)"
    r"|(?:友達|友人|母|父|妻|夫|彼|彼女|兄|姉|弟|妹|息子|娘|同僚|上司|うちの(?:母|父|妻|夫|子))(?:が|は|も)"
    r"|(?:친구|엄마|아빠|남편|아내|동생|형|언니|누나|오빠|동료|상사)(?:가|이|는|도)"
    r"|他|她|我(?:的)?(?:男朋友|女朋友|邻居|同学|家人|孩子))", re.I)


# English small talk that opens like a statement: "I need help with a budget", "I've got a few things"
_ASK_EN = re.compile(r"^(?:i )?(?:need|want|would like|could use) (?:some |a little |your |a bit of )?(?:help|advice|"
                     r"a hand|ideas|tips|suggestions|recs|recommendations|input|feedback)\b"
                     r"|^(?:i(?:'ve| have)? )?got (?:a few|a couple of|some) (?:things|questions)\b"
                     r"|^i have (?:a|one|two|some|a few|a couple of) (?:quick |small |dumb |random )?questions?\b",
                     re.I)
_POLITE_ASK = re.compile(r"^(?:can|could|would|will) you\b|^please\b", re.I)
# A lasting instruction about the form of answers, with or without a style pole: "use metric units".
_FORMAT = re.compile(r"^(?:please |pls |and |also |always |from now on,? |going forward,? )*(?:use|don'?t use|"
                     r"do not use|never use|avoid|no more|stop using|reply|answer|respond|write|talk|speak)\b", re.I)
_LASTING = re.compile(r"\b(?:from now on|going forward|in (?:the )?future|always|never|every time|each time|"
                      r"by default|"
                      r"in general|as a rule|whenever you|when you (?:explain|answer|reply|write|respond|give)|"
                      r"for all (?:your )?(?:answers|replies)|your (?:explanations|answers|replies|responses)|"
                      r"explain things|like i'?m (?:\d+|five|ten|a (?:kid|child|beginner|\d+-year-old))|(?:talk"
                      r"|speak|write) to me "
                      r"(?:like|as)|treat me (?:like|as)|don'?t ever|do not ever|every conversation|"
                      r"unless i ask|when(?:ever)? i ask)\b",
                      re.I)
# What an answer does by habit: "stop apologizing so much", "no opinions unless I ask", "don't add a summary"
_ANSWER_HABIT = re.compile(r"\b(?:apologi[sz]\w*|hedg\w*|disclaimers?|caveats?|emojis?|bullet(?: points)?|speech|"
                           r"lectur\w*|moraliz\w*|moralis\w*|preach\w*|"
                           r"summar(?:y|ies)|opinions?|push back|agree with me|sugar-?coat\w*|tone|jargon|"
                           r"analogies|small talk|pleasantries|filler)\b", re.I)
_STOP = re.compile(r"^(?:please |pls )?(?:stop|quit|don'?t|do not|never|no more|no|skip|drop|cut)\b", re.I)
# "I'd rather you push back when I'm wrong": how the assistant should behave
_WANT_YOU = re.compile(r"^(?:i'?d (?:rather|prefer|like|love)|i (?:prefer|want|need|like it when|like it if))"
                       r" (?:it if |that |when |if )?you\b", re.I)
_HYPOTHETICAL = re.compile(r"\b(?:were i to|had i (?:known|been|had)|one (?:day|of these days)(?! (?:a|per|each|every|"
                           r"at a time|off|a week|a month)\b))\b|^(?:if|imagine|suppose|supposing|pretend"
                           r"|let'?s say|what if|hypothetically|say i|for the sake of argument)\b"
                           r"|\b(?:there'?s|there is) a (?:good |small |slight |real )?chance (?:i|we)\b"
                           r"|\bchances are (?:i|we)\b"
                           r"|\bif i (?:were|was|had|lived|moved|became|wanted)\b|\bwould i\b|\bi wonder\b"
                           # "we're maybe going to try for a baby", "leaning Berlin or Amsterdam", "could end up in
                           # Texas if the transfer goes through"
                           r"|\b(?:maybe|possibly|probably|might be) (?:going to|gonna|moving|getting|starting|trying"
                           r"|switching)\b|^(?:i'?m |we'?re )?leaning\b|\bcould (?:end|wind) up\b|fingers crossed"
                           r"|\bif [\w' ]{1,40} goes through\b|\btry(?:ing)? for a baby\b"
                           # tentative: "I might start running", "I'm considering moving"
                           r"|\bi (?:might|may|could) (?!not\b)|\b(?:considering|toying with|thinking (?:of|about)|"
                           r"at some point|who knows|i suppose|maybe one day|someday)\b"
                           # undecided: "not sure yet whether…", "on the fence about…", "might try keto"
                           r"|\b(?:not sure (?:yet )?(?:whether|if|about)|on the fence|weighing (?:up|whether|if)|"
                           r"wondering (?:whether|if|about)|still (?:exploring|deciding|undecided|figuring)|"
                           r"nothing'?s (?:settled|decided|final)|(?:haven'?t|have not) (?:started|decided)|"
                           r"(?:we|i'?m|we'?re) (?:might|may) |planning to maybe|assum(?:e|ing),? (?:that )?"
                           r"(?:hypothetically,? )?i|hypothetically|just imagine)\b"
                           r"|^(?:perhaps|maybe|might|may|possibly|probably going to|depends)\b"
                           # weighing it up: "I'm debating whether…", "part of me wants…", "curious about X"
                           r"|\b(?:debating|undecided|torn between|mulling|part of me|curious about|tempted to|"
                           r"(?:haven'?t|have not|not yet) (?:decided|tried|committed)|depends on|might be"
                           # leaning one way: "contemplating a move", "leaning toward Python", "could be moving",
                           # "kinda want to try…", "still talking it over", "no idea which"
                           r"|contemplating|back and forth|no decision yet|leaning (?:toward|towards|to)"
                           # "maybe I'll start learning Japanese", "I'll probably try Obsidian eventually"
                           r"|\b(?:maybe|probably|possibly|perhaps) i'?ll\b"
                           r"|\bi'?ll (?:probably|maybe|possibly|perhaps)\b"
                           r"|^in a world where\b"
                           # "I'm looking into becoming a foster parent", "exploring the idea of going freelance"
                           r"|looking into (?:becoming|getting|moving|switching|going|starting|adopting|buying"
                           r"|learning|taking|doing)|exploring the (?:idea|option|possibility)"
                           r"|could be \w+ing|(?:kinda"
                           r"|kind of|sort of|sorta) "
                           r"want(?:s)? to|(?:talking|thinking) it over|no idea (?:which|whether|if|yet)|"
                           r"(?:haven'?t|not) made up my mind|open to (?:other )?(?:ideas|suggestions"
                           r"|options))\b", re.I)
# Someone close, named without "my": "Mom's diabetic", "coworker keeps kosher" ("mom of two" is the writer)
_BARE_KIN = re.compile(r"^(?:(?:so|well|oh|btw),? )?(?:mom|mum|mommy|mother|dad|daddy|father|grandma|grandpa|gran|"
                       r"granny|nan|nana|hubby|husband|wife|bf|gf|boyfriend|girlfriend|partner|sister|brother|sis|"
                       r"bro|uncle|aunt|auntie|cousin|son|daughter|coworker|co-worker|colleague|boss|roommate|"
                       r"flatmate|housemate|neighbou?r|friend|bestie|best friend|landlord|landlady)"
                       r"(?:'s\b| (?:is|has|was|keeps|can'?t|won'?t|doesn'?t|only|just|never|always|\w+s)\b)", re.I)
# what the writer does for them is for them: "my gf hates olives so I'm swapping them out"
_FOR_THEM = re.compile(r"\b(?:so|and so|which is why|that'?s why) (?:i'?m|i am|we'?re|i'll|i need to|i want to"
                       r"|i have to|i'd like to)\b.*", re.I)
# a verb whose subject was in the clause before: "my uncle has Crohn's and | is staying with us"
_ELIDED_SUBJECT = re.compile(r"^(?:and )?(?:is|has|was|does|isn'?t|hasn'?t|doesn'?t|keeps)\s", re.I)
_HE_SHE = re.compile(r"\b(?:he|she|he's|she's)\b", re.I)
# one request, whatever it mentions: "regex for a US zip code pls", "explain like I'm five", "it's for the app I'm
# building", "(I'm not, just curious)", "be honest", a list of ingredients to work on
_ONE_REQUEST = re.compile(r"\bexplain (?:it |this |that )?(?:to me )?like i'?m "
                          r"(?:five|5|a \w+)|\beli5\b|^\(?(?:it'?s|its|this is|that'?s) (?:just |only |all )?for "
                          r"(?:a|an|the|my|our|work|school|class)\b|\bjust (?:curious|asking|wondering)\b"
                          r"|^(?:be|treat|tell|show|pitch|surprise|convince|quiz|roast) (?:me\b|honest|straight"
                          r"|real|brutal|blunt|nice|kind|gentle)"
                          r"|^(?:\d+\s*(?:g|kg|ml|l|oz|lbs?|cups?|tbsp|tsp|x)?\s+[\w -]+,\s*){2,}"
                          r"|^(?:any|anything|something|somewhere|ideas?|tips?|suggestions?) (?:i|we) (?:can|could"
                          r"|should)\b", re.I)
# "regex for a US zip code pls", "bash one-liner to find big files please": a thing asked for, with no writer,
# no reason ("based in Melbourne so AUD pls") and no rule for every answer ("halal meat only pls")
_PLEASE_END = re.compile(r"^(?!.*\b(?:i|i'm|im|me|my|we|our|(?-i:us)|so|since|because|as|based|live|living|only"
                         r"|every|whenever|always|never|no|pronouns)\b)\S+(?: \S+)*? (?:for|to|that|which|about) "
                         r".*\b(?:pls|please|plz|thx|ty)\W*$", re.I)
# helping someone else: "I want to be supportive" (of a friend who came out)
_FOR_SOMEONE = re.compile(r"^i (?:want|wanna|need|'d like|would like) to (?:be (?:supportive|there for)|support|"
                          r"help (?:him|her|them)|cheer (?:him|her|them) up|comfort)\b", re.I)
# "years ago": the past, unless it dates a change that lasts ("I immigrated to Canada five years ago")
_AGO = re.compile(r"\b(?:years|decades|ages|a long time|a while) ago\b", re.I)
_LASTING_CHANGE = re.compile(r"\b(?:(?:im|e)migrated|moved|relocated|converted|stopped|gave up|became|diagnosed|"
                             r"lost my|widow\w*)\b", re.I)
# "Assume for this exercise that I'm allergic to dairy": a premise, unless it lasts ("going forward, assume…")
_ASSUME = re.compile(r"\bassum(?:e|ing)\b(?:(?! so )[^.;])*?\b(?:i|i'm|i am|i have|i've|my)\b", re.I)
_REACTION = re.compile(r"^(?:(?:hi|hiya|hey|hello|yo|oh|well),?\s+)?(?:never ?mind|nvm|meh|nah|hmm+|oops"
                       r"|(?:please )?don'?t judge(?: me)?|no judg(?:e?ment)|hungover|long time no see"
                       r"|(?:nice|lovely|beautiful|gorgeous|terrible|awful|crazy|weird|miserable) weather"
                       r"|talk (?:soon|later)|ttyl|gtg|brb|bye|good ?night|see you|see ya|catch you later)\b"
                       # a bare verdict on the answer just given: "too long", "Not helpful, sorry."
                       r"|^(?:(?:way |much |a bit |bit )?too (?:long|short|wordy|vague|basic|technical|complicated"
                       r"|much|simple)|not (?:helpful|useful|quite|really helpful)|(?:that'?s |this is )?(?:wrong|"
                       r"incorrect|not (?:it|right|what i (?:asked|meant|wanted))))"
                       r"(?:,? (?:sorry|tbh|lol|though))?\W*$",
                       re.I)
_VERSUS = re.compile(r"\b(?:[vV]s\.?|[vV]ersus)\b")  # not "VS Code"
_PAREN = re.compile(r"\([^()]*\)")  # an aside: "I'm fluent in Japanese (passed JLPT N1 a few years ago)"
# A question without its question mark: "how do people with ADHD usually study best"
_ASKS = re.compile(r"^(?:(?:so|ok|okay|and|also|anyway|btw|hey|quick q|q)[,:]?\s+)?(?:(?:what|what's|whats|how|"
                   r"where|why)(?!\s+(?:i|i'm|i've|we|my)\b)|(?:is|are) there|(?:can|could|would|will) "
                   r"(?:i|we)|(?:should|do|does|did|is|are) (?:you|u|i|we|it|there|this|that|they|people"
                   r"|anyone|someone))"
                   r"\b(?!'t|n't)", re.I)
# Someone named: "Apparently Taylor Swift lives in Nashville part of the year"
_NAMED = re.compile(r"^(?:(?:apparently|so|btw|fun fact|oh),? )?(?:(?:[A-Z][\w.'-]+ ){1,3}(?:lives|works|uses|"
                    r"owns|teaches|studies|plays|speaks|writes|codes|drives|eats|drinks|loves|hates|prefers|goes|runs)"
                    r"|(?:[A-Z][\w.'-]+ ){2,3}(?!(?:this|is|was|has|his|its|us|as|yes|less|unless|plus)\b)[a-z]+s)\b")
# The user's own message, not the answers: "sorry, long message incoming", "quick question"
_OWN_MESSAGE = re.compile(r"\b(?:long|short|quick|brief|simple|dumb|silly|detailed|technical"
                          r"|random) (?:message|question|"
                          r"post|rant|q|email|text|one)\b", re.I)
# A one-answer task on a topic ("explain quantum entanglement simply"); not one about answers in general
# ("give me the answer in two sentences max")
_TOPIC_TASK = re.compile(r"^(?:please |pls |can you |could you |now )?(?:explain|describe|define|summari[sz]e|teach|"
                         r"tell me about|write|draft|list|outline)\s+(?!(?:me |to me )?(?:(?:the|your|all|an?) )?"
                         r"(?:answers?|replies|responses|explanations?|things|everything|stuff|concepts|it|them|"
                         r"like|in |with |without |simply|briefly|shortly|clearly)\b)\w", re.I)
_ANSWER_OBJECT = re.compile(r"^(?:please |pls )?(?:give|keep|make|send) (?:me )?(?:the |your |all |my )?(?:answers?|"
                            r"replies|responses|explanations?)\b", re.I)
# The form of answers the writer wants: "I always want the full deep dive, not the summary", "one-liners are fine
# by me", "I'd rather have too much detail than too little"
_ANSWER_FORM = (r"(?:answers?|replies|responses|explanations?|detail|details|deep[- ]?dives?|summar(?:y"
                r"|ies)|overviews?|"
                r"the (?:short|long|full|quick|detailed) version|one-liners?|bullet(?: points)?|step-by-step|"
                r"walkthroughs?|tl;?dr|the gist|the (?:big|full|whole) picture|examples)")
_WANT_FORM = re.compile(rf"^(?:i|i'd|i'm|i am)\b.*\b(?:want|prefer|like|love|rather|need|fine with"
                        rf"|ok with|okay with)\b"
                        rf".*\b{_ANSWER_FORM}\b(?!\s+(?:of|for|about|on|to|before)\b)"
                        rf"|^(?:the )?{_ANSWER_FORM} (?:are|is) (?:\w+ )?(?:fine|great|perfect|"
                        rf"best|ok|okay) (?:by|for|with) me\b", re.I)
# A clause that only says the request before it lasts: "Brevity, please. In general, not just now."
_LASTING_ONLY = re.compile(r"^(?:and |also )?(?:in general|from now on|going forward|always|every time|as a rule|"
                           r"that goes for (?:every|all|each) (?:conversation|chat|answer|time)s?(?: we have)?|"
                           r"by default|for (?:all|every) (?:answers?|replies)|not just (?:now|this time|today|here))"
                           r"(?:[,.]? (?:not just (?:now|this time|today|for this|here)|please|pls|thanks))?[.!]*$",
                           re.I)
# A place and its flag, as people text: "Melbourne 🇦🇺"
_FLAG_PLACE = re.compile(r"^((?:[A-Z][\w'-]+[ ,]*){1,3})\s*[\U0001F1E6-\U0001F1FF]{2}\s*$")
_PAST = re.compile(r"\b(?:used to|use to|when i was (?:a |an |young|younger|little|small|in|at)|growing up|"
                   r"grew up\b(?! speaking| bilingual)(?!.*\b(?:still|now|and (?:live|stayed))\b)|"
                   r"^(?:i |we )?(?:\w+ed|had|was|were|did|went|took|wore|ran|sang|swam|won|got)\b.*\b(?:middle"
                   r"|high|elementary|primary|secondary|grade|junior high|boarding) school\b|"
                   r"^(?:i |we )?(?:\w+ed|drank|ate|drove|wore|had|was|were|did|went|took) (?:\w+ ){0,4}until "
                   r"(?:19|20)\d\d\b|"
                   r"(?<!push )(?<!pushes )back (?:when|in (?:the day|(?:the )?'?\d+s?|my|high|college"
                   r"|school|uni|those))|"
                   r"as a (?:kid|child|teen|teenager|student)|in my (?:teens|twenties|thirties|youth)|back then|"
                   r"^for (?:a few|many|several|two|three|five|ten|\d+) (?:years|months),? (?:i|we) (?:was|were"
                   r"|had|did)\b|"
                   # "until I was eight", "previously worked at…", "spent a year in Argentina", "for six months in
                   # 2019 I lived out of a van"
                   r"until (?:i was|i turned|age) |(?:previously|formerly)\b(?!.*\bnow\b)|"
                   r"^(?:i |we )?spent (?:a|one|two|three|four|five|six|\d+|a few|several|some) (?:years?|months?|"
                   r"weeks?|summers?|winters?|semesters?)\b|"
                   r"(?:tried|did|ran|visited|went|had)\b[^.]*\bonce\b|"
                   r"(?:^|\b(?:i|we) )(?:lived|worked|studied|stayed|taught|had|owned|tried|used"
                   r"|played|was|were)\b.*\b(?:(?:in|until|till) "
                   r"(?:19|20)\d\d|for (?:like )?"
                   r"(?:about |almost |nearly |around )?(?:a|one|two|three|four|five|six|seven|eight|nine|ten"
                   r"|\d+|a few|"
                   r"several) (?:years?|"
                   r"months?|weeks?|summers?))|(?:in|until) (?:19|20)\d\d,? (?:i|we) (?:lived|worked|studied|stayed)|"
                   r"i once|in the past|when i was \d+|"
                   # "In 2012 I backpacked…", "2004 to 2006", "summer 2011", "in the early 2000s", "my late husband"
                   r"^in (?:19|20)\d\d\b(?!.*\b(?:moved|relocated|emigrated|immigrated|became|converted|since)\b)|"
                   r"(?:19|20)\d\d ?(?:to|until|till|-|–) ?(?:19|20)\d\d|(?:summer|winter|spring|fall|autumn) (?:of )?"
                   r"(?:19|20)\d\d|in the (?:early |late |mid-?)?(?:19|20)?\d0'?s\b|"
                   r"my late (?:husband|wife|partner|father|mother|dad|mum|mom|grand\w+|brother|sister|son|daughter)|"
                   r"(?:i|we) (?:was|were|had|did|worked|played|ran)\b.*\bin (?:high school|college|uni|university"
                   r"|grad school|school)\b|my first (?:[\w-]+ ){1,4}(?:was|were)\b|as a (?:baby|toddler)"
                   r"|grew out of|(?:before|"
                   r"during) the pandemic|"
                   r"for (?:a while|one summer|a summer|a year|a few years) (?:before|back|when|in)|for one summer|"
                   r"when i (?:lived|worked|studied|was living)|my (?:old|former|previous|last) (?:job|flat|house|"
                   r"apartment|place|car|school|boss|company|diet)|(?:a long time|ages|decades) ago|"
                   r"before (?:my|i|we) (?:company |)?(?:switched|moved|changed|quit|left)|"
                   # "my first job was…", "I went to Catholic school", "I was briefly a Perl guy around 2008"
                   r"my (?:first|old|former|previous|last|childhood) \w+ (?:was|were)|i was briefly|"
                   r"went to (?:[\w-]+ ){0,2}(?:school|college|university|uni|seminary|boarding school)|"
                   r"(?:i|we) (?:was|were|did|had|went|lived|worked) (?!diagnosed|born|raised|adopted).*\b"
                   r"(?:around|circa|until|till|back in|in) "
                   r"(?:19|20)\d\d)\b",
                   re.I)
_DENIAL = re.compile(r"^(?:no,? )?i(?:'m| am) not (?:a |an )?(?:\w+ )?(?:vegan|vegetarian|pescatarian|pregnant|"
                     r"diabetic|allergic|coeliac|celiac|religious|doctor|nurse)\b(?!.*\b(?:anymore|any more"
                     r"|no longer)\b)"
                     r"|^no,? i (?:don'?t|do not) have any\b"
                     r"|^i (?:don'?t|do not) have any (?:[\w-]+ ){0,2}(?:allerg\w*|restrictions|conditions"
                     r"|intoleran\w*|issues|problems)\b|^no (?:[\w-]+ )?(?:allergies|restrictions|intolerances)\b"
                     r"|\bi (?:never|didn'?t|did not"
                     r"|don'?t think i) (?:said|say|mention|mentioned|tell|told|claim)\b"
                     r"|\bthat'?s not what i (?:meant|said)\b|\bnot what i said\b|\bi quote\b"
                     # "I'm not a doctor, I just read a lot", "I was asking for a friend"
                     r"|\b(?:asking for a friend|(?:was |i'?m )?just (?:curious|asking|wondering)"
                     r"|(?:now )?i'?m curious|only visiting|"
                     r"i just read a lot)\b", re.I)
# A style word about one particular answer ("too basic", "the short version this time") is no lasting preference
_ONE_ANSWER = re.compile(r"\b(?:this time|for this one|for this|just this once|this \w+|that \w+|(?:your |the )?"
                         r"(?:previous|last|earlier) (?:answer|reply|one|response)|meh|wow|redo|again|one more time"
                         r"|explain (?:it |this )?like i'?m (?:five|5)|eli5)\b"
                         r"|^be (?:honest|real|straight)(?: with me)?\W*$"
                         # a bare comparative answers the last reply: "shorter please", "simpler!"
                         r"|^(?:a bit |a little |much |way |even )?(?:\w+er|more \w+|less \w+)"
                         r"(?:,? (?:please|pls|plz))?[.!]?$", re.I)
_OTHERS = re.compile(
    r"^(?:(?:apparently|so|well|oh|btw|fun fact),? )?(?:(?:a|an|one|some|two|three|several) (?:[\w-]+ ){1,2}of "
    r"(?:mine|ours)\b|(?:one|some|two|three|several|all|both|most|many|a few|a couple) of (?:my|our) \w+"
    r"|(?:a|an|this|some|the) (?:guy|girl|woman|man|lady|dude|kid|person|friend|couple|family|mum|mom|dad|"
    r"coworker|colleague) (?:in|at|from|on|of) (?:my|our)\b[\w -]*?(?= (?:is|are|was|has|had|have|just|says|"
    r"thinks|wants|keeps|still|can|does)\b)|(?:my|our) [\w-]+'s? (?:[\w-]+ )?(?:parents?|mom|mum|dad|mother|"
    r"father|sister|brother|family|kids?|son|daughter|friends?|boss|wife|husband|partner)\b"
    # "Both my parents…", "All our clients…" (not "All my notes live in Obsidian")
    r"|(?:(?:both|all|each of) )?(?:my|our) (?:\w+ )?(?:mentor|tutor|coach|landlord|landlady|"
    r"housemates?|classmates?|mates?|pals?|bestie|bff|ex|in-laws|nephews?|nieces?|grand(?:son|daughter)s?|"
    r"step(?:son|daughter|mom|mum|dad)s?|doctor|dentist|gp|therapist|brother|sister|sibling|mom|mum|mother|dad"
    r"|father|parents?|wife|husband|partner|spouse|"
    r"boyfriend|girlfriend|fianc[ée]e?|son|daughter|kids?|child|children|baby|friends?|buddy|boss|manager|"
    r"co-?workers?|colleagues?|roommates?|flatmates?|neighbou?rs?|teachers?|grand(?:ma|pa|mother|father|parents)|"
    r"grand?-?dad|gran|nan|nana|"
    r"aunt|uncle|cousins?|family|team|client|customers?|students?|dog|cat|puppy|kitten|pets?|"
    r"[a-z]+mates?|advis[eo]r|supervisor|professor|prof|lecturer|instructor|trainer|principal|headteacher|"
    r"pastor|priest|vicar|rabbi|imam|bf|gf|hubby|godson|goddaughter|godparents?|tenants?|employees?|interns?|"
    r"patients?|idol|hero|cto|ceo|cfo|coo|cio|vp|director|founder|co-?founder|tech lead|team lead|pm)s?\b)", re.I)
# "write a short poem": this answer only
_ONE_OFF = re.compile(r"^(?:please |pls |can you |could you )?(?:write|draft|compose|create|make|generate|give me|"
                      r"tell me|"
                     r"list|plan|suggest|find|translate|summari[sz]e|rewrite|describe|show me)\s+(?:me\s+)?"
                     r"(?:a|an|some|one|two|three|four|five|\d+|this|that|these|those|the|my|it|his|her|their|our)\b",
                     re.I)
# Reported speech: "my neighbour told me…", "my mate reckons…" is their view, not the user's circumstance;
# the user's clinicians are the exception ("my doctor says I can't have salt")
_REPORTED = re.compile(r"^(?:my|our|a|the) (?:[\w'-]+ ){0,3}?(?:told me|tells me|says|said|thinks|reckons|asked me|"
                       r"keeps? (?:telling|asking|nagging|bugging|pushing) me|(?:is|are) always telling me|"
                       r"wants me|suggested|recommends|swears|keeps saying)\b", re.I)
_BARE_AUX = re.compile(r"^(?:no,? )?(?:i|we) (?:do|don'?t|do not|am|'m|am not|'m not|did|didn'?t|can|can'?t|"
                       r"won'?t|have|haven'?t|was|wasn'?t)[.!]?$|\bnot the one (?:who|with|that)\b", re.I)
_AT_PLACE = re.compile(r"^(?:i'?m|i am|we'?re|we are) (?:currently |just |still |now )?at "
                       r"(?:the|a|an|my \w+'s|my \w+s'|his|her|their) \w+", re.I)
# the user's own work setup: "my team writes Go and uses sqlc", "our company is on Azure"
_OUR_SETUP = re.compile(r"^(?:my|our) (?:\w+ )?(?:team|company|org|shop|stack|codebase|work|office|job|employer)\b"
                        r".*\b(?:uses?|writes?|runs?|is on|are on|'s on|'re on|is built (?:on|with)|deploys?"
                        r"|requires?|mandates?|"
                        r"only allows?|codes? in)\b", re.I)
# "use poetry not pip in examples": a lasting instruction about the answers' content
_IN_ANSWERS = re.compile(r"\bin (?:your |the |all |any |code )?(?:examples|code|snippets|answers|replies|responses|"
                         r"recipes|suggestions)\b", re.I)
_CLINICIAN = re.compile(r"^(?:my|our) (?:doctor|gp|physician|dietitian|dietician|nutritionist|therapist|cardiologist|"
                        r"dentist|physio|physiotherapist|midwife|specialist|consultant|psychiatrist|nurse)\b", re.I)
# what they say of the writer is still their view: "my dad's a developer and says I should learn Python"
_THEIR_WORDS = re.compile(r"\b(?:says|said|thinks|reckons|wants|told|tells|keeps telling|insists)\b.*", re.I)
# "my doctor told me to avoid salt", "my mother lives with us": about me and my household
_ABOUT_ME = re.compile(r"\b(?:me|i|i'm|my|we|we're|us|our)\b", re.I)
_SELF_ANY = re.compile(r"\b(?:i|i'm|im|i've|ive|i'd|i'll|me|my|mine|myself|we|we're|we've|our|ours|us)\b", re.I)
# A clause that opens on someone or something else, the assistant, or a reaction
_OTHER_START = re.compile(r"^(?:you|your|you're|youre|u|ur|there|here's|whats?|whos?|hows?|whys?|wheres?|when|which|"
                          r"let's|lets|thanks?|thank you|thx|ty|lol|lmao|haha\w*|wow|cool|great|nice|ok|okay|sure|"
                          r"yes|nope|yep|meh|nah|hmm+|never mind|nvm|"
                          r"hi|hey|hello|sorry|oops|good|awesome|perfect|amazing|interesting|weird|ugh|omg|damn|"
                          r"his|hers|its|it's|they're|he's|she's|someone's|everybody|everything|nothing|all|most|"
                          r"some|many|every|each|both|any|if|unless|because|although|though|while|whether|in|at|"
                          r"for|to|with|by|from|about|of|on (?:the|a|an|this|that) (?:other|one|hand))\b", re.I)
# A task for this answer: "give me ten names", "summarise this", "explain it simply"
_TASK = re.compile(r"^(?:please |pls |can you |could you |now |ok,? |okay,? )?(?:write|draft|compose|create|make|"
                   r"put together|come up with|map out|draw up|whip up|set up|sketch out|"
                   r"generate|give|gimme|tell|list|plan|suggest|find|translate|summari[sz]e|rewrite|describe|show|"
                   r"explain|help|recommend|brainstorm|proofread|check|fix|edit|convert|calculate|compare|name|"
                   r"design|outline|rip|rate|review|teach|remind|send|book|build|sort|format|count|pick|choose|"
                   r"play|imagine|guess|answer|correct|introduce|define)\b", re.I)
_CODE = re.compile(r"[{};]|\w\(|\\[wdsbn]|/\^|</?[a-z][a-z0-9]*>|\^\S.*\$|"
                   r"^\s*(?:#|//|/\*)|^\s*(?:def|class) \w+\s*[(:]|^\s*(?:import \w|"
                   r"from [\w.]+ import )"
                   r"|^\s*(?:select|insert|update|delete) .* (?:from|into|set)\b"
                   r"|^\s*(?:npm|pip|git|docker|sudo) \w", re.I)
_WORD = re.compile(r"[\w'-]+")


# Shape features beside the embedding: MiniLM embeds what a clause is about, much less whether it is a lasting
# fact or a moment ("I have a nut allergy" vs "I have a dentist appointment at 3"). Each is a word-class test.
_MOMENT = re.compile(r"\b(?:today|tonight|tomorrow|yesterday|this (?:morning|afternoon|evening|weekend|week)|"
                     r"as we speak|at the moment|for the (?:weekend|day|night|afternoon)|"
                     r"last (?:night|weekend)|next (?:week|weekend|month|monday|tuesday|wednesday|thursday|friday|"
                     r"saturday|sunday)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|right now|"
                     r"earlier|later|again|just now|at (?:\d+|noon|lunch)|in \d+ (?:min|minutes|hours?)|"
                     r"this year for the first time|this (?:week|month)|in an? (?:hour|minute|bit|sec)|"
                     r"in (?:a few|a couple of) (?:minutes|hours|days)|a cold|the flu|a hangover|a headache|jet ?lag|"
                     r"in for (?:repair|a service))\b",
                     re.I)
# Passing whatever else the clause says: "on a bus right now", "having a rough day", "running on 4 hours of sleep"
_PASSING = re.compile(r"\b(?:stuck in traffic|jet-?lag\w*"
                      # "it's raining here today", "only slept 4 hours"
                      r"|\bit'?s (?:raining|snowing|pouring|freezing|boiling|so hot|so cold)\b|\bonly slept\b"
                      r"|\bslept (?:only |just |about |like )?\d+ hours?\b"
                      # "stuck at Heathrow", "Stuck on the M25", "stuck at the airport"
                      r"|^(?:i'?m |i am |we'?re |we are |currently )?stuck (?:(?:at|on|in) (?:the )?(?:traffic|airport"
                      r"|station|motorway|highway|freeway|tarmac|platform|runway)|at (?-i:[A-Z])[\w-]*"
                      r"|on the (?-i:[A-Z])[\w-]*)"
                      # what is done at this moment, whatever else the clause says ("a lasting right now" is no
                      # moment: "I'm unemployed right now", "eating 1800 kcal/day right now while I cut")
                      r"|\b(?:cooking|making|drinking|grabbing|watching|walking|driving|sitting|waiting"
                      r"|standing|typing|writing this|on (?:my|a|the|a friend'?s) (?:phone|computer|laptop|tablet)"
                      r"|being (?:super |really |so )?\w+) (?:[\w'-]+ ){0,4}?(?:right now|as we speak|rn|atm)\b"
                      r"|just (?:got )?back from|(?:got|have|'ve got|has) (?:a|the) (?:cold|flu|"
                      r"cough|fever|hangover|headache)|going to (?:a|the|my \w+'s) (?:wedding|party|concert"
                      r"|conference|"
                      r"festival|funeral|game|show|gig)|(?:(?:a|such a) )?(?:rough|long|bad|hard|busy|slow"
                      r"|terrible|tough|crazy|weird"
                      r"|good|great|lazy) "
                      r"(?:day|week|night|morning|shift)|running on \d+ hours?|"
                      r"(?:on|in) (?:a|the) (?:bus|train|plane|flight|subway|tube|ferry|taxi|uber)|"
                      r"at (?:a|the) (?:conference|wedding|party|concert|airport|meeting|festival)"
                      # "battery at 3%", "just finished clearing out the garage", "sitting in a café", "day 3 of this
                      # cold", "I can't sleep"
                      # "just finished my last exam", "my legs are jelly", "currently sitting in the ER", "I'm about
                      # to walk into a meeting"
                      r"|\b(?:i'?m|i am|we'?re|we are) (?:just )?about to\b"
                      r"|^(?:i |we )?just (?:finished|got (?:home|out|off|in)|came (?:back|home)|woke up|landed"
                      r"|arrived|handed in|submitted|wrapped up)|(?:legs|arms|feet|back|brain|head) (?:are|is|feel"
                      r"|feels) (?:jelly|dead|fried|mush|killing me|on fire)|currently (?:sitting|waiting|standing"
                      r"|lying|stuck)"
                      r"|battery (?:is )?(?:at|on) \d+|just (?:finished|got done) \w+ing|^(?:i'?m )?(?:sitting"
                      r"|standing"
                      r"|lying|waiting|queu(?:e)?ing) (?:in|at|on|outside|by)|day \d+ of|(?:this|my) (?:cold|flu|"
                      r"hangover|headache|fever)|^i can'?t sleep(?! (?:on|in|with|without|when|if|unless"
                      r"|through|well))"
                      r")\b", re.I)
# An opinion about the world: "Honestly I think Python is overrated", "Crypto is a scam, change my mind"
_OPINION = re.compile(r"^(?:(?:honestly|personally|tbh|imo|ngl),? )?i (?:think|feel like|believe|reckon|guess"
                      r"|find that)"
                      r" (?!i\b|i'm|i've|i'd|i'll|my\b|me\b|we\b|our\b)|\b(?:change my mind|fight me|prove me wrong"
                      r"|don'?t @ me|hot take|unpopular opinion|idc what|i don'?t care what \w+ says"
                      r"|^(?!.*\b(?:i|i'm|me|my|we|our)\b)[\w -]+ (?:is|are|sounds?|looks?|tastes?) (?:so much |way |"
                      r"much |objectively )?(?:better|worse|overrated|underrated)\b)\b", re.I)
# An opinion hedged at its end about something that is not the writer: "Most AI answers are way too long, I think",
# "TypeScript is just JavaScript with extra steps, if you ask me", "Veganism is the most ethical diet, in my opinion"
_OPINION_TAIL = re.compile(r"^(?P<claim>.+?),?\s+(?:in my (?:humble |honest )?"
                           r"opinion|if you ask me|i think|i guess|i reckon|i'd say|imo|imho|tbh|honestly|frankly"
                           r"|seriously)\W*$", re.I)
# A claim about the world: a subject of one to four words that is not the writer, a verb, and a judgment
# ("Keto is just a fad", "Religion and politics shouldn't mix", "most self-help books say the same thing");
# only when the clause names neither the writer nor theirs (`_SELF_ANY`), so "Budget is tight" stays a candidate.
# The subject may not open on a word the writer drops their "I" before ("love rainy days", "never cooked")
_CLAIM_SUBJECT = (r"(?!(?:can'?t|cannot|can|won'?t|will|would|don'?t|do|did|didn'?t|am|have|had|need|want|love"
                  r"|like|hate|work|live|prefer|really|just|only|never|always|no|not)\b)(?:[\w'-]+\s+){0,3}?[\w'-]+\s+")
_CLAIM_VERB = (r"(?:is|are|isn'?t|aren'?t|was|were|should(?:n'?t)?|works?|says?|belongs?|beats?|sounds?|looks?"
               r"|tastes?|charges?|costs?)\b")
_WORLD_CLAIM = re.compile(r"^(?:(?:honestly|tbh|imo|imho|ngl|seriously|frankly|hot take:?),?\s+)?"
                          + _CLAIM_SUBJECT + _CLAIM_VERB, re.I)
# What a hedge at the end may qualify: the same shape, with a future or a verb of having ("Rust will replace C++",
# "Modern architecture lacks soul"), not a fact the writer tells without "I" ("kpop stan, mostly Stray Kids tbh")
_HEDGED_CLAIM = re.compile(r"^" + _CLAIM_SUBJECT + r"(?:will|won'?t|would|has|have|lacks?|makes?|needs?|"
                           + _CLAIM_VERB + ")", re.I)
_JUDGMENT = re.compile(r"\b(?:best|worst|most (?!of\b)\w+|overrated|underrated|superior|inferior|a fad|overhyped|"
                       r"(?:better|worse) than|should(?:n'?t| not)?|the norm|objectively|everyone knows|for most|"
                       r"most people|normal people|for some people|nobody (?:needs|likes|actually)|everybody|"
                       r"way too \w+ (?:for|before)|the way to go|the future|a scam|a waste of \w+"
                       r"|the only (?:\w+ )?(?:choice|option|way)|belongs? (?:on|in)"
                       # "Microservices are overused by startups", "Vinyl sounds warmer than streaming"
                       r"|overused|overpriced|over-?engineered|overkill|way too (?:much|many|little|expensive)"
                       r"|(?:terrible|awful|bad|great|good|harmful|toxic) for (?:the planet|the environment"
                       r"|society|kids|everyone|people|your health|the economy)|only works (?:with|if|when)"
                       r"|(?:all )?(?:looks?|sounds?|tastes?|feels?) the same"
                       r"|(?!rather\b|other\b)\w{3,}er than|(?:more|less) \w+ than)\b", re.I)
# Feedback on the answers just given: "Love the second option, let's go with that"
_FEEDBACK = re.compile(r"\b(?:the (?:first|second|third|fourth|last|other|\w+est) (?:one|option|version|idea"
                       r"|suggestion"
                       r"|draft|name|recipe)|option (?:\d|[abc])|let'?s go with"
                       r"|^(?:a )?(?:bit|little|tad) (?:much|long|short|heavy|off)\b.*\bthere)\b", re.I)
# What is done by habit, also on a bus: "my commute is 90 minutes each way on the train"
_HABITUAL = re.compile(r"\b(?:every|each|daily|usually|always|commute|most (?:days|mornings|nights|weeks))\b", re.I)
# A state of one day: "I have a job interview in an hour", "I have a cold this week"
_TODAY = re.compile(r"\b(?:today|tonight|tomorrow|at (?:1[0-2]|0?\d)(?::\d\d)?(?:\s*[ap]m)?"
                    r"(?=\s*(?:today|tomorrow|tonight|so|and|,|\.|$))"
                    # something on one weekday is a date ("I'm hosting all of them sunday"); "sundays", "Friday
                    # sundown to Saturday night", "saturday is my day of rest" last
                    r"|(?:i'?m|i am|we'?re|we are) \w+ing\b.*(?<!every )(?<!from )(?:mon|tues|wednes|thurs|fri|satur"
                    r"|sun)day(?!s|\s*(?:to|-|through|thru|and|&)\b)"
                    r"|this (?:morning|afternoon|evening|week|weekend)|right now|rn|atm|all week|as we speak|"
                    # "my third coffee of the day", "I need to leave in five minutes"
                    r"(?:first|second|third|fourth|fifth|\d+(?:st|nd|rd|th)) (?:[\w-]+ )?of the day|"
                    r"in (?:two|three|four|five|ten|fifteen|twenty|thirty) (?:min|mins|minutes|hours)|"
                    r"in an? (?:hour|minute|bit)|"
                    r"for the next (?:few |couple of |\d+ |two |three |four |five |six |seven )?(?:days?"
                    r"|hours?|weeks?)|"

                    r"in (?:a few|a couple of|\d+) (?:min|mins|minutes|hours)|a cold|the flu|a hangover|"
                    r"(?<!gives me )(?<!give me )a headache|for the (?:weekend|day|night|week)|"
                    r"jet ?lag|in for (?:repair|a service))\b", re.I)
_DURABLE = re.compile(r"\b(?:always|never|usually|generally|every|each|since|anymore|any more|no longer|now|"
                      r"here(?=\s*[,.!?]|\s*$)|"
                      r"these days|nowadays|by trade|all the time|for (?:\d+|a few|many|several|ten|two|three|five) "
                      r"(?:years?|yrs|months?|decades?)|\d+ (?:years?|yrs) (?:now|clean|sober|in)|"
                      r"most (?:days|weeks|nights)|btw|fyi|here|still|only|whole|permanent\w*|chronic|mostly|daily|"
                      r"weekly|(?<!this )(?<!next )(?<!last )(?<!for the )weekends?|nights)\b", re.I)
_PAST_VERB = re.compile(r"\b(?:i|we) (?:just |finally |also |really )?(?:\w+ed|had|was|were|did|went|got|made|ate|"
                        r"lost|forgot|bought|broke|spent|saw|took|left|came|ran|slept|woke|fell|found|met|paid|"
                        r"sold|drove|flew|wrote|read|thought|tried|burnt|spilt|learnt|felt|sent|built)\b|"
                        r"^(?:\w+ed|had|got|made|ate|lost|went|"
                        r"bought|broke|spent|woke|slept)\b", re.I)
_CHANGE = re.compile(r"\b(?:moved|switched|quit|stopped|started|became|become|gave up|sold|retired|diagnosed|got "
                     r"(?:a|an|my)|went (?:vegan|vegetarian|back)|converted|adopted|married|divorced|had a baby|"
                     r"changed)\b", re.I)
_HABIT = re.compile(r"^(?:i|we) (?:\w+ )?(?:am|'m|m|have|'ve|ve|live|work|eat|use|take|own|keep|follow|speak|"
                    r"prefer|like|love|hate|avoid|can'?t|cannot|don'?t|do not|need|rely|suffer|get)\b", re.I)
_FIRST_START = re.compile(r"^(?:i|i'm|im|i've|ive|i'd|my|me|we|we're|our)\b", re.I)
_YOU = re.compile(r"\b(?:you|your|u|ur)\b", re.I)
N_SHAPE_FEATURES = 10
SHAPE_SCALE = 0.3  # beside unit-length embeddings; chosen with the L2 penalty by cross-validation on the training rows


def shape_features(text: str) -> np.ndarray:
    """Word-class features of one clause (see above), in a fixed order."""
    s = text.replace("’", "'")
    n = len(_WORD.findall(s))
    return np.array([
        bool(_MOMENT.search(s)), bool(_DURABLE.search(s)), bool(_PAST_VERB.search(s)), bool(_CHANGE.search(s)),
        bool(_HABIT.search(s)), bool(_FIRST_START.match(s)), bool(_SELF_ANY.search(s)) and not _FIRST_START.match(s),
        bool(_YOU.search(s)), s.rstrip().endswith("!"), min(n, 20) / 20,
    ], dtype=np.float64)


_AS_A = re.compile(r"^(?:as|being)\s+(?=\w)", re.I)
# Idioms of liking and disliking, read as what they mean (MiniLM reads "X is my jam" as being about jam)
_LOVE_IDIOM = re.compile(r"^(.{3,60}?) (?:is|are|=) (?:basically |literally |honestly |totally )?my (?:jam"
                         r"|thing|happy place|"
                         r"life|weakness|love language|guilty pleasure|comfort \w+)\b"
                         r"|^give me (.{3,60}?) and i'?m (?:happy|set|good|sold|golden|in heaven)\b", re.I)
_HATE_IDIOM = re.compile(r"^(.{3,60}?) (?:make|makes) me (?:cringe|gag|sick|shudder|want to scream)"
                         r"|^(.{3,60}?) (?:gross|grosses|creep|creeps|freak|freaks) me out\b", re.I)
_BORN = re.compile(r"^(born|raised)\b", re.I)
_DROPPED_VERB = re.compile(r"^(?:love|hate|prefer|adore|enjoy|avoid|dislike|loathe|despise|detest|can'?t|cannot|"
                           r"don'?t|do not|never(?! mind)|always|only|won'?t|eat|drink|use|work|live|own|have|"
                           r"need|take|speak|code|play|moved|switched|quit|stopped|started|sold|got|had|just|gave up|"
                           r"went|"
                           r"became|try|tried|rarely|mostly|usually|also|still|know|run|cook|rent|drive|walk|"
                           r"cycle|swim|pray|observe|keep|follow|fast|travel|study|teach)\b", re.I)
# Devices and systems people name without a verb ("macbook air m2, macOS sonoma", "Windows 11 desktop, RTX 4070")
_DEVICE = re.compile(r"\b(?:iphone|ipad|android|pixel \d+|galaxy s?\d+|macbook|imac|mac ?os|mac mini|windows(?: \d+)?|"
                     r"linux|ubuntu|fedora|debian|arch|chromebook|chromeos|thinkpad|surface|rtx ?\d+|gtx ?\d+|ps[45]|"
                     r"xbox|kindle|raspberry pi|laptop|desktop|tablet|smartphone)\b", re.I)
_ENGLISH = re.compile(r"\b(?:the|of|to|for|with|by|and|at|from|on|not|so|lol|tbh|btw|an|just|very|really|too|"
                      r"mostly|since|after|full|time|years?|months?|trade|budget|fan|user|here|now|finally"
                      r"|still)\b", re.I)
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|does|do|did|will|can|could|should|would|isn'?t|aren'?t|"
                     r"wasn'?t|doesn'?t|don'?t|won'?t|can'?t)\b|\w's\b", re.I)


def classifier_text(clause: str) -> str:
    """The clause as the classifier reads it: the subject a writer dropped is put back ("based in Toronto" ->
    "I'm based in Toronto", "love board games" -> "I love board games", "as a nurse" -> "I'm a nurse"), so
    the head judges what is said rather than how tersely it is typed. Clauses with a subject are unchanged."""
    s = clean_clause(clause)
    if not s or _FIRST_START.match(s):
        return s
    if place := _FLAG_PLACE.match(clause.strip()):
        return "I live in " + place.group(1).strip(" ,")  # "Melbourne 🇦🇺"
    if (pair := _PRONOUNS.search(s)) and pair.group(0).lower() != "pronouns" and (pair.start() == 0
                                                                                 or not _NOT_ME.match(s)):
        return f"My pronouns are {pair.group(0).lower()}"  # "they/them for me please"
    low = s[:1].lower() + s[1:]
    if idiom := _LOVE_IDIOM.match(s):
        return "I love " + (idiom.group(1) or idiom.group(2))  # "brutalist architecture is my jam"
    if idiom := _HATE_IDIOM.match(s):
        return "I dislike " + (idiom.group(1) or idiom.group(2))  # "musicals make me cringe"
    if _BORN.match(s):
        return "I was " + low  # "born and raised in Osaka"
    if as_a := _AS_A.match(s):
        return "I'm " + s[as_a.end():]
    low = s[:1].lower() + s[1:]
    if _DROPPED_VERB.match(s):
        return "I " + low
    if _DEVICE.search(s) and not (_SELF_ANY.search(s) or _FINITE.search(s) or _NOT_ME.match(s)
                                  or _OTHER_START.match(s)):
        return "I use " + s  # a device named alone: "Pixel 7, so Android instructions please"
    if not (_SELF_ANY.search(s) or _FINITE.search(s) or _NOT_ME.match(s) or _OTHER_START.match(s)) and (
            _FIRST_PERSON.match(s) or _SELF_CONDITION.search(s) or _ENGLISH.search(s)):
        return "I'm " + low  # an English fragment ("pastry chef by trade"), not a phrase in another language
    return s


def classifier_input(embeddings: np.ndarray, texts: list[str]) -> np.ndarray:
    """The classifier's input: each clause's embedding followed by its scaled shape features."""
    shape = np.stack([shape_features(t) for t in texts]) if texts else np.zeros((0, N_SHAPE_FEATURES))
    return np.hstack([np.asarray(embeddings, dtype=np.float64), SHAPE_SCALE * shape])


@dataclass(frozen=True)
class Statement:
    """One clause of a message that states a preference or circumstance."""

    text: str          # the clause, as it will be stored
    start: int         # its span in the (unquoted) message, for showing where it came from
    end: int
    score: float       # the classifier's P(statement); 1.0 when the classifier is unavailable and the rules decide
    kind: str          # STYLE, OTHER_LANGUAGE or FIRST_PERSON (see `candidate`)

    @property
    def style(self) -> bool:
        """A request about how to answer rather than a fact about the user."""
        return self.kind == STYLE


@dataclass(frozen=True)
class StatementClassifier:
    weights: np.ndarray   # (2, dim): not-a-statement, statement
    bias: np.ndarray
    threshold: float

    def probability(self, embeddings: np.ndarray) -> np.ndarray:
        from personalign.models.linear import softmax

        return softmax(embeddings @ self.weights.T + self.bias)[:, 1]

    def save(self, path: Path) -> None:
        np.savez_compressed(path, weights=self.weights.astype(np.float32), bias=self.bias.astype(np.float32),
                            threshold=np.array(self.threshold, dtype=np.float32))


@lru_cache(maxsize=4)
def load_classifier(path: Path = WEIGHTS_PATH) -> StatementClassifier:
    with np.load(path, allow_pickle=False) as data:
        return StatementClassifier(data["weights"], data["bias"], float(data["threshold"]))


def clauses(message: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of every clause outside quotes and code, in order."""
    text = message[:MAX_MESSAGE_CHARS]
    text = _QUOTE_LINE.sub(lambda m: " " * len(m.group(0)), text)
    text = _QUOTED.sub(lambda m: " " * len(m.group(0)), text)
    out = []
    for piece in _split_keep(text, _SENTENCE):
        for part in _split_keep(piece[2], _CLAUSE_BREAK):
            start = piece[0] + part[0]
            stripped = part[2].strip(" \t,")
            if stripped:
                offset = part[2].find(stripped)
                out.append((start + offset, start + offset + len(stripped), stripped))
    return out


def _split_keep(text: str, pattern: re.Pattern) -> list[tuple[int, int, str]]:
    spans, last = [], 0
    for m in pattern.finditer(text):
        spans.append((last, m.start(), text[last:m.start()]))
        last = m.end()
    spans.append((last, len(text), text[last:]))
    return [s for s in spans if s[2].strip()]


STYLE, OTHER_LANGUAGE, FIRST_PERSON = "style", "other_language", "first_person"
RULES_DECIDE = (STYLE, OTHER_LANGUAGE)  # the classifier reads English self-statements only


def candidate(clause: str) -> str | None:
    """What kind of candidate a clause is: `STYLE` (a request about answers), `OTHER_LANGUAGE` (a
    first-person statement in another language) — both kept on the rules alone — or `FIRST_PERSON`
    (judged by the classifier); None when ruled out."""
    s = clause.strip().replace("’", "'")
    if s.endswith("?") and _POLITE_ASK.match(s) and classify_preference(s) is not None and not _ONE_OFF.search(s) \
            and not _ONE_ANSWER.search(s):
        return STYLE  # "could you keep it short?" asks for a way of answering
    if (len(s) > MAX_CLAUSE_CHARS or s.endswith("?") or _ASKS.match(s) or _CODE.search(s) or _PAST_OTHER.search(s)
            or len(_WORD.findall(s)) < 2 and not (_FIRST_PERSON.match(s) or _FIRST_PERSON_OTHER.match(s)
                                                  or _SELF_FOREIGN.search(s) and _language(s) == OTHER_SCRIPT
                                                  or _SELF_CONDITION.fullmatch(s.strip(" .!"))
                                                  or _FLAG_PLACE.match(s))):
        return None
    if _OTHERS_OTHER.match(s) or _ASK_OTHER.search(s) or _ASK_EN.match(s) or _UNSETTLED_OTHER.search(s) \
            or _ONE_DAY_OTHER.search(s):
        return None
    language = _language(s)
    foreign = language is not None
    body = _LEAD_OTHER.sub("", s) or s
    others = foreign and (_OTHERS_OTHER.match(body) or _OTHERS_OTHER_MORE.match(body))
    if others and not _SELF_PRONOUN_OTHER.search(body[others.end():]) or (
            foreign or _FIRST_PERSON_OTHER.match(s)) and (
            _HYPOTHETICAL_OTHER.search(body) or _PAST_OTHER_MORE.search(body) and not _CHANGE_OTHER.search(body)
            or _OPINION_OTHER.search(body) or _UNSETTLED_OTHER.search(body)
            or _ASK_OTHER.search(body)):
        return None
    if _FIRST_PERSON_OTHER.match(body) or foreign and _SELF_FOREIGN.search(body):
        return OTHER_LANGUAGE
    if language == OTHER_SCRIPT:
        return None  # another script without the first person: the head reads English only
    main = _PAREN.sub("", s)  # an aside in brackets neither makes nor unmakes the clause
    if _HYPOTHETICAL.search(main) or _PAST.search(main) or _DENIAL.search(main) \
            or _ASSUME.search(main) and not _LASTING.search(main) or _VERSUS.search(s) and not _SELF_ANY.search(s) \
            or _AGO.search(main) and not _LASTING_CHANGE.search(main) or _NAMED.match(s) and not _ABOUT_ME.search(s):
        return None
    reported = _REPORTED.match(s)
    if reported and (not _CLINICIAN.match(s) or not s[reported.end():].strip(" .,:;")):
        return None  # their words; a clinician's about the user count, when they are there ("my doctor said")
    if _BARE_AUX.search(s) or _AT_PLACE.match(s) and not _DURABLE.search(s):
        return None  # "I don't" (the rest was quoted), "I'm at the vet with the dog"
    others = _OTHERS.match(s) or _BARE_KIN.match(s)
    rest = s[others.end():] if others else ""
    theirs = rest if _CLINICIAN.match(s) else _THEIR_WORDS.sub("", _FOR_THEM.sub("", rest))
    if (others and not _ABOUT_ME.search(theirs) and not _OUR_SETUP.match(s)) or _ELIDED_SUBJECT.match(s) \
            or _FOR_SOMEONE.match(s):
        return None
    if _PASSING.search(s) and not _HABITUAL.search(s) or _REACTION.match(s) or _OPINION.search(s) \
            or _FEEDBACK.search(s) or _WORLD_CLAIM.match(s) and _JUDGMENT.search(s) and not _SELF_ANY.search(s) \
            or (tail := _OPINION_TAIL.match(s)) and _HEDGED_CLAIM.match(tail["claim"]) \
            and not _SELF_ANY.search(tail["claim"]):
        return None  # "on a bus right now, so short answers", "sorry, long week", "never mind"
    if not _ONE_ANSWER.search(s) and not _FIRST_START.match(s) and _ANSWER_HABIT.search(s) \
            and (_LASTING.search(s) or _STOP.match(s)):
        return STYLE
    if _FORMAT.match(s) and _IN_ANSWERS.search(s) and not _ONE_ANSWER.search(s):
        return STYLE
    if (want := _WANT_YOU.match(s)) and not _ONE_ANSWER.search(s) \
            and not _ONE_OFF.match(s[want.end():].strip().removeprefix("to ")):
        return STYLE
    if _WANT_FORM.search(s) and not _ONE_ANSWER.search(s):
        return STYLE
    one_off = (_ONE_OFF.match(s) and not _ANSWER_OBJECT.match(s) or _ONE_ANSWER.search(s) or _TOPIC_TASK.match(s)
               or _OWN_MESSAGE.search(s))
    if asks_about_answers(s) and (classify_preference(s) is not None or _FORMAT.match(s)) \
            and not (one_off and not _LASTING.search(s)):
        return STYLE
    if _LASTING.search(s) and asks_about_answers(s) and not _FIRST_START.match(s) and not _ONE_ANSWER.search(s):
        return STYLE  # a lasting instruction to the assistant: "can u always give me the answer first"
    if _LOVE_IDIOM.match(s) or _HATE_IDIOM.match(s):
        return FIRST_PERSON  # "give me a sauna and a cold plunge and I'm happy" is no task
    if _TASK.match(s) or _OWN_MESSAGE.search(s) \
            or ((_ONE_REQUEST.search(s) or (_PLEASE_END.match(s) and not _CHANGE.search(s)))
                and not _LASTING.search(s)):
        return None  # "give me a workout I can do at home" asks for one answer
    if _TODAY.search(s) and not (_DURABLE.search(s) or _CHANGE.search(s)):
        return None  # "I have a cold this week", "I have a job interview in an hour"
    if _FIRST_PERSON.match(s) or _ME_OBJECT.search(s) or (_SELF_CONDITION.search(s) and not _NOT_ME.match(s)) \
            or _PRONOUNS.search(s) or _FLAG_PLACE.match(clause.strip()):
        return FIRST_PERSON
    # The shape, not a phrase list: the writer anywhere in the clause ("camping is my idea of hell", "gardening
    # is how I unwind"), or a clause without a subject of its own ("pastry chef by trade", "sober 2 yrs now",
    # "on a budget lol"). The classifier tells these apart from opinions, events and small talk.
    if _SELF_ANY.search(s) or not (_NOT_ME.match(s) or _OTHER_START.match(s) or _HE_SHE.search(s)):
        return FIRST_PERSON
    return None


# A question that carries a fact about the asker: "…, given I have ADHD and a full-time job?", "…safe for someone
# with a herniated disc like me?", "…when I'm already fluent in Dutch?"
_GIVEN = re.compile(r"\b(?:given(?: that)?|since|because|as|now that|considering(?: that)?|seeing as|when|"
                    r"(?:keeping|bearing|keep|bear) in mind(?: that)?)\s+"
                    r"((?:i|i'm|i am|i've|i have|my|we|we're|we have|our)\b[^,?;]*)", re.I)
_LIKE_ME = re.compile(r"\b(?:for|as)\s+((?:someone|somebody|a person|an? [\w-]+(?: [\w-]+){0,3})\s+"
                      r"(?:with|who|that|living|on|in|of)\b[^?;]*?),?\s+(?:like|such as) (?:me|myself)\b"
                      r"|\bas\s+((?:someone|somebody|a person) (?:who|with|that)\b[^,?;]*)"
                      # "for someone like me with type 2 diabetes", "as a 55-year-old with zero experience"
                      r"|\b(?:for|as) (?:someone|somebody|a person) like me,? ((?:with|who)\b[^,?;]*)"
                      r"|\bas an? (\d+-year-old\b[^,?;]*)"
                      # "for a T2 diabetic like me", "as a Jehovah's Witness?"
                      r"|\b(?:for|as) (an? [\w-]+(?: [\w-]+){0,2}) like me\b"
                      r"|\bas an? ((?-i:[A-Z][\w'-]*)(?: (?-i:[A-Z][\w'-]*)){0,2})(?=\s*[?,.!]|\s*$)", re.I)
# What the asker has, named inside a question: "…around my egg allergy?", "…for my north-facing flat in Glasgow?",
# "…my three kids under five…"
_MY_FACT = re.compile(r"\bmy ((?:[\w'-]+ ){0,3}?(?:allerg(?:y|ies)|intoleran(?:ce|ces)|diabetes|asthma|arthritis|"
                      r"eczema|rosacea|psoriasis|ibs|adhd|disability|[\w-]+itis|(?:[\w-]+ )?diet)"
                      r"|(?:[\w'-]+ ){0,2}(?:flat|apartment|house|home|studio|dorm|bedsit|condo) (?:in|on) "
                      r"[A-Z][\w'-]+"
                      r")\b|\bmy ((?:two|three|four|five|six|\d+|twin) (?:kids|children|sons|daughters|boys|girls|"
                      r"toddlers|teens)(?: (?:under|aged|ages|age|of) [\w-]+(?: and \w+)?)?)\b", re.I)
# "how do I get rid of mould, I rent": a fact put after the question
_AFTER = re.compile(r",\s+((?:i|i'm|i've|we|we're|we've)\s[^,?;]*)", re.I)
_STEADY = re.compile(r"\b(?:already|all (?:winter|summer|year|day)|every|always|usually|since|full-time|"
                     r"part-time)\b", re.I)


def embedded_statements(question: str) -> list[tuple[int, str]]:
    """(offset, clause) of the facts about the asker inside a question, as first-person clauses ("I'm someone
    with a herniated disc"); `candidate` and the classifier judge them like any other. A "when" clause counts
    only when it describes something steady ("when my flat sits at 16°C all winter", not "when I'm sick")."""
    s = question.replace("’", "'")
    out = []
    for m in _GIVEN.finditer(s):
        if m.group(0).lower().startswith("when") and not _STEADY.search(m.group(1)):
            continue
        out.append((m.start(1), m.group(1).strip()))
    for m in _LIKE_ME.finditer(s):
        g = next(i for i in range(1, 7) if m.group(i))
        opening = ("I'm ", "I'm ", "I'm someone ", "I'm a ", "I'm ", "I'm a ")[g - 1]
        out.append((m.start(g), opening + m.group(g).strip()))
    for m in _MY_FACT.finditer(s):
        out.append((m.start(0), "My " + m.group(1).strip()) if m.group(1) else (m.start(2), "I have " + m.group(2)))
    for m in _AFTER.finditer(s):
        out.append((m.start(1), m.group(1).strip()))
    return out


def _is_question(clause: str) -> bool:
    return clause.rstrip().endswith("?") or bool(_QUESTION_START.match(clause) or _ASKS.match(clause))


def candidate_clauses(message: str) -> list[tuple[int, int, str, str | None]]:
    """(start, end, text, kind) of every clause (`clauses`, `candidate`); a question's facts about the asker
    (`embedded_statements`) follow the question as clauses of their own."""
    out = []
    for start, end, text in clauses(message):
        lasting_only = _LASTING_ONLY.match(text.strip())  # says nothing of its own
        # "My flatmate — easily the most stubborn person alive — has…": the aside describes them
        aside = bool(out) and bool(_OTHERS.match(out[-1][2])) and len(_WORD.findall(out[-1][2])) <= 3 \
            and message[out[-1][1]:start].strip() in ("—", "–", "-", ",")
        kind = None if lasting_only or aside else candidate(text)
        if out and lasting_only and out[-1][3] != STYLE \
                and (joined := candidate(f"{out[-1][2].rstrip(' .!,')}, {text.strip()}")) == STYLE:
            out[-1] = (out[-1][0], out[-1][1], out[-1][2], joined)  # "Less detail. From now on."
        out.append((start, end, text, kind))
        if kind is None and _is_question(text):
            for offset, sub in embedded_statements(text):
                sub_kind = candidate(sub)
                if sub_kind == FIRST_PERSON:
                    out.append((start + offset, min(end, start + offset + len(sub)), sub, sub_kind))
    return out


def extract_statements(message: str, embedder=None, classifier: StatementClassifier | None = None) -> list[Statement]:
    """The statements of preference or circumstance in one user message (at most `MAX_STATEMENTS`).

    `embedder` (unit-row `embed(list[str])`) runs the classifier; without it, or without shipped
    weights, every rule-passing candidate counts (the rules alone are stricter about questions and
    quotes than about "I have a question").
    """
    if _FICTION.search(message[:MAX_MESSAGE_CHARS]):
        return []
    found = []
    parts = candidate_clauses(message)
    asked = [i for i, (_, _, t, _) in enumerate(parts) if _is_question(t)]
    tasks = [i for i, (_, _, t, _) in enumerate(parts) if _ONE_OFF.match(t.strip()) or _TASK.match(t.strip())]
    for i, (start, end, text, kind) in enumerate(parts):
        if kind == STYLE and _for_this_question(text, i, asked, tasks):
            continue
        if kind is not None:
            found.append((start, end, clean_clause(text), kind))
    if not found:
        return []
    if embedder is not None and classifier is None and WEIGHTS_PATH.is_file():
        classifier = load_classifier()
    if embedder is None or classifier is None:
        scores = np.ones(len(found))
    else:
        texts = [classifier_text(t) for _, _, t, _ in found]
        emb = np.asarray(embedder.embed(texts), dtype=np.float64)
        with_shape = classifier.weights.shape[1] == emb.shape[1] + N_SHAPE_FEATURES  # the shipped head has them
        scores = classifier.probability(classifier_input(emb, texts) if with_shape else emb)
    # A style request passed rules strict enough on their own (a pole word in a request about answers);
    # the classifier judges the first-person candidates, where "I have a question" must be told apart.
    keep = [Statement(t, s, e, float(p), kind) for (s, e, t, kind), p in zip(found, scores)
            if kind in RULES_DECIDE or classifier is None or embedder is None or p >= classifier.threshold]
    return keep[:MAX_STATEMENTS]


_QUESTION_START = re.compile(r"^(?:what|what's|whats|how|which|where|why|who|is|are|can|could|do|does|did|"
                             r"should|would|will|was|were)\b", re.I)


def _for_this_question(text: str, index: int, asked: list[int], tasks: list[int]) -> bool:
    """A style word put before a question ("be brief: who wrote Dracula?", "in simple terms, what is a
    blockchain?") or after a task ("draft an email to my landlord. polite but firm.") words that one answer.
    It is a lasting request when it says so ("from now on"), asks politely on its own, or comes with the
    writer's reason ("I'm no tech person, so no jargon")."""
    s = text.replace("’", "'")
    lasting = _LASTING.search(s) and not _ONE_ANSWER.search(s)  # "explain like I'm five: how do vaccines work?"
    return ((any(j > index for j in asked) or any(j < index for j in tasks)) and not lasting
            and not _POLITE_ASK.match(s) and not _FIRST_START.match(s))


_FILLER = re.compile(rf"^{_LEAD}", re.I)


def clean_clause(text: str) -> str:
    text = _FILLER.sub("", text.strip()).strip(" ,;:-").rstrip(".")
    text = re.sub(r"\s+", " ", text)
    return text[:1].upper() + text[1:] if text else text
