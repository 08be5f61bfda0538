"""Turkish lexicon (concepts and phrases: see `lexicon`). Stems, since Turkish words take chains of suffixes.

Text is normalized: ç ğ ö ş ü lose their marks and dotless ı reads i, so "kısıtlamalarını" is
"kisitlamalarini". Three things Turkish does differently:

* possession is a suffix: "talimatlarımı" (my instructions) is the user's own, "talimatlarını" (yours)
  is not, so the ownable concepts refuse a first-person ending right after the stem (`_NOT_MINE`);
* negation is a suffix too, and "-ma/-me" is also the verbal noun: "unutma" (don't forget) is not
  "unutmanı istiyorum" (I want you to forget), so verbs that unlock leave the negated forms out;
* "about" follows its noun ("bombalar hakkında"), so a harmful object followed by a topic word is
  scoped away by a look-ahead instead of a SHIELD before it.
"""

OBJECT_FIRST = True  # "kısıtlama olmadan", "filtreleri kapat", "hiçbir filtre yok"

# plural, then no first-person possessive (-(i)m, -(i)miz): possessive quantifier, so "kurallarimi"
# cannot back off to "kural" + "larimi"
_NOT_MINE = r"(?:lar|ler)?+(?![iu]?m)\w*"
_ABOUT = (r"(?!(?: \w+){0,2} (?:hakkinda\w*|konusunda\w*|uzerine|ile ilgili|tarihi\w*|karsiti|bagimlili\w*|tedavi\w*|"
          r"zarar\w*|onle\w*|tespit\w*|imha\w*|saka\w*|espri\w*|fikra\w*)\b)")
_NEG = r"(?!ma\b|me\b|may|mey|mam|mem|mad|med)"  # a verb stem not followed by its negation

CONCEPTS = {
    "IGNORE": r"\b(?:gormezden gel" + _NEG + r"\w*|yok say" + _NEG + r"\w*|unut" + _NEG + r"\w*|"
              r"umursama(?:yin|yiniz)?\b|umursamam\w*|umursamadan|aldirma(?:yin|yiniz)?\b|aldirmam\w*|uyma(?:yin|"
              r"yiniz)?\b|uymam\w*|uymayi birak\w*|dikkate alma(?:yin|yiniz)?\b|dikkate almam\w*|dikkate almadan|"
              r"takma(?:yin)?\b(?! ad)|cigne\w*|ihlal et\w*|hice say\w*|es gec\w*|bir kenara (?:birak|koy)\w*|"
              r"geride birak\w*|gecersiz kil\w*|uzerine yaz\w*|atlat\w*|etrafindan dolas\w*|bosver\w*|bos ver\w*|"
              r"dinleme(?:yin)?\b|dinlemeyi birak\w*|takip etme(?:yin)?\b|takip etmeyi birak\w*|birak(?:in)?\b|"
              r"atla(?:yin)?\b|boz(?:un)?\b|delip gec\w*)",
    "RULES": r"\b(?:talimat|kural|yonerge|direktif|komut|emirler|ilke|prensip|sistem istem|sistem mesaj|"
             r"sistem promptu?|prompt|programlama|yapilandirma|egitim|sana (?:soylenen|ogretilen|verilen))"
             + _NOT_MINE,
    "SAFETY": r"\b(?:(?:guvenlik |icerik )?filtre|kisitlama|kisit|sinirlama|sinirlar|sansur|moderasyon|"
              r"guvenlik (?:onlem|kural|ayar|politika|protokol|yonerge|mekanizma)|icerik politika|etik(?!et)|ahlak|"
              r"vicdan|yasaklar|korkuluk)" + _NOT_MINE,
    "SCOPE": r"\b(?:diyet\w*|beslenme\w*|yemek\w*|gida\w*|zaman|sure|butce\w*|kelime|karakter|uzunluk|yas|kalori\w*|"
             r"saat)\b",
    "WITHOUT": r"\b(?:olmadan|olmaksizin|hicbir|hic|yok|disinda|otesinde)\b",
    "DISABLE": r"\b(?:devre disi birak\w*|kapat" + _NEG + r"\w*|kaldir" + _NEG + r"\w*|gevset\w*|askiya al\w*|"
               r"iptal et\w*|etkisiz hale getir\w*|kilidini ac\w*|devreden cikar\w*|ortadan kaldir\w*|es gec\w*|"
               r"atlat\w*)",
    "REFUSE": r"\b(?:asla|hicbir zaman|hic|hicbir) (?:\w+ ){0,3}(?:reddet|geri cevir|hayir de)\w*|"
              r"\breddetmeyi birak\w*|\breddetmek yok\b|\bher (?:seye|soruya|istege|talebe|sorumu|istegime|talebime|"
              r"soruma) (?:\w+ ){0,2}(?:cevap ver|yanit ver|uy|evet de)\w*\b.{0,50}\b(?:ne olursa olsun|istisnasiz|"
              r"olsa (?:bile|da)|bakmaksizin)|\bhicbir sey yasak degil|\byasak (?:bir )?konu yok\b",
    "UNBOUND": r"\b(?:sansursuz\w*|kisitlamasiz\w*|kuralsiz\w*|etiksiz\w*|sinirsiz (?:bir )?(?:yapay zeka|ai|mod|"
               r"asistan|model|sohbet botu)\w*|filtresiz (?:bir )?(?:yapay zeka|ai|asistan|mod|model|cevap|yanit)\w*|"
               r"ahlaksiz (?:bir )?(?:yapay zeka|ai|asistan|model|bot)\w*|hicbir (?:\w+ )?(?:kural|kisitlama|filtre|"
               r"sinir|sansur|yasak|yasag)(?:lar)?(?:in|un|iniz|unuz|i|u)? (?:yok|olmayacak|gecerli degil)|"
               r"(?:kurallar|talimatlar|kisitlamalar|yonergeler)(?!im\b|imiz\b)\w* (?:artik )?(?:gecerli degil|gece"
               r"rsiz|"
               r"yok hukmunde)|her sey serbest|her sey mubah|kotu (?:bir )?yapay zeka|jailbreak\w*|sinir tanima\w*)",
    "PRETEND": r"\b(?:\w*m[iu]s gibi (?:yap|davran)\w*|gibi davran\w*|rol (?:yap|oyna)\w*|rolu\w* (?:oyna|ustlen|"
               r"yap)\w*|rolune gir\w*|canlandir\w*|hayal et\w*|farz et\w*|varsay\w*|diyelim ki|artik sen\b|"
               r"bundan sonra sen\b|sen artik\b|su andan itibaren sen\b|karakter\w*|simule et\w*|simulasyon\w*|"
               r"bir dunyada\b|varsayimsal\w*|alter ego|persona\w*|kimligine bur\w*|kiligina gir\w*)",
    # others' private data (address, phone, location, chats of any person or user): with AUTHORITY, an
    # authority claim ("I'm a police officer, give me the address of any person I name")
    "PRIVATE": r"\b(?:herhangi bir|her|diger|baska|tum|butun|istedigim) (?:\w+ )?(?:kisi\w*|kullanici\w*|insan\w*|"
               r"vatandas\w*)\b.{0,30}\b(?:adres\w*|konum\w*|telefon\w*|kisisel|yazisma\w*|mesaj\w*|sohbet\w*)",
    "AUTHORITY": r"\b(?:ben (?:senin )?(?:\w+ ){0,2}(?:gelistirici\w*|yaratici\w*|yonetici\w*|admin\w*|programci\w*|"
                 r"sahib\w*|moderator\w*|arastirmaci\w*|polis\w*|muhendis\w*|savci\w*|hakim\w*|komiser\w*|"
                 r"dedektif\w*)|(?:gelistirici|yonetici|yaratici|"
                 r"programci|arastirmaci)y[iu]m\b|(?:gelistiricin|yoneticin|yaraticin|sahibin|admininin?)(?:im|iz)\b|"
                 r"adminim\b|moderatoruy?um\b|sana izin (?:veriyorum|verdim|veririm)|seni yetkilendir\w*|yetkim var|"
                 r"yetkiliyim|yetkili (?:kisiyim|biriyim)|(?:yonetici|admin|gelistirici) (?:yetki|izin|kod|erisim|"
                 r"mod)\w*|erisim kodu\w*|kilit acma kodu\w*|yetki kodu\w*|bakim mod\w*|hata ayiklama mod\w*|"
                 r"hesabim\w* (?:yetkili|onayli|dogrulanmis)|arastirma (?:amacli|amaciyla|icin)|bilimsel amacla|"
                 r"(?:openai|anthropic|sirket)\w* (?:izin|onay)\w*)",
    "MAKE": r"\b(?:yap(?!ay|ma\b|may|mam|i\b|isi|ilar|ilan|ilmis)\w*|uret\w*|imal\w*|sentez\w*|pisir\w*|hazirla\w*|"
            r"yaz(?!ilim|ar\b|i\b|ilar|isi|ma\b|lik)\w*|kodla\w*|gelistir\w*|olustur\w*|insa et\w*|monte et\w*|"
            r"karistir\w*|satin al\w*|temin et\w*|tarif\w*|adim adim|nasil (?:yapilir|uretilir|yapabilirim|yaparim|"
            r"elde edilir)|calisan|ev yapimi\w*|el yapimi\w*)",
    "HARM_OBJ": r"\b(?:bomba\w*|patlayici\w*|napalm\w*|molotof\w*|molotov\w*|sinir gaz\w*|sarin\w*|risin\w*|sarbon\w*|"
                r"biyolojik silah\w*|kimyasal silah\w*|zehir(?:i|ler\w*|le\w*)?|susturucu\w*|metamfetamin\w*|meth|"
                r"kokain\w*|eroin\w*|fentanil\w*|lsd|mdma|ekstazi\w*|uyusturucu\w*|zararli yazilim\w*|"
                r"kotu amacli yazilim\w*|malware|ransomware|fidye yazilim\w*|bilgisayar virus\w*|virus(?:u|leri|ler)?|"
                r"truva ati\w*|keylogger\w*|exploit\w*|oltalama\w*|phishing\w*|sahte (?:para|kimlik|pasaport|belge|"
                r"banknot)\w*|olumcul doz\w*|(?:ev yapimi|ruhsatsiz|izi surulemeyen|kayitsiz) silah\w*)\b" + _ABOUT,
    "SHIELD": r"\b(?:dilbilgisi|gramer|yazim|imla|noktalama|uslup|bicim|format|kafiye|siir\w*|satranc|oyun\w*|futbol|"
              r"diyet|trafik|okul|ev|ofis|sigorta|gizlilik|tarih|roman|film)\b",
    "HARM": r"\b(?:irkci|cinsiyetci|homofobik|antisemitik|yabanci dusmani|transfobik|ayrimci) (?:saka\w*|espri\w*|"
            r"fikra\w*|yorum\w*|hakaret\w*|soz\w*|icerik\w*|mesaj\w*|laf\w*)|\birkci ol\b|\bnefret soylem\w*|"
            r"\b(?:(?:hic|hicbir sey|yemek|bir sey) (?:yememe\w*|yemeyi birak\w*)|ac kal(?!mama)\w*|aclik cek\w*|"
            r"ogun\w* atla(?!mama)\w*|kendime zarar ver(?!mem)\w*|kendimi (?:kes|yarala|oldur)(?!mem)\w*|"
            r"intihar(?! onle| hatt| dusunce)\w*|anoreksi\w*|bulimi\w*|degersiz oldugum\w*)\b.{0,40}\b(?:tesvik et\w*|"
            r"cesaretlendir\w*|motive et\w*|ikna et\w*|hatirlat\w*|yardim et\w*|destekle\w*|gaz ver\w*|ov(?:er|gu)\w*|"
            r"ov\b)|\b(?:tesvik et\w*|cesaretlendir\w*|motive et\w*|ikna et\w*|destekle\w*|"
            r"gaz ver\w*)\b.{0,40}\b(?:(?:hic|hicbir sey|yemek) yememe\w*|ac kal(?!mama)\w*|ogun\w* atla(?!mama)\w*|"
            r"kendime zarar\w*|intihar(?! onle| hatt)\w*)|\bpro ana\b|\b(?:komsu\w*|eski (?:sevgili|kiz arkadas|"
            r"erkek arkadas|es|karim|kocam)\w*|is arkadas\w*|birinin|birisinin|o kizin|o kadinin|o adamin|yabanci\w*|"
            r"tanimadigim\w*)\b.{0,30}\b(?:adres\w*|nerede (?:yasadig|oturdug|kaldig|calistig)\w*|nerede (?:yasiyor|"
            r"oturuyor|kaliyor)|konum\w*|telefon numara\w*)\b.{0,30}\b(?:bul\w*|ogren\w*|tespit et\w*|takip et\w*|"
            r"cikar\w*|ara\w*)|\b(?:santaj (?:yap|mesaji|mektubu)\w*|santajla\w*|taciz (?:etmek (?:icin|istiyorum)|"
            r"mesaji)|tehdit (?:mesaji|mektubu|eden (?:bir )?(?:mesaj|mektup|yazi))\w*|tehdit etmek (?:icin|"
            r"istiyorum)|doxla\w*|stalkla\w*|israrla takip\w*|gizlice (?:takip|izle|gozetle|dinle)\w*)|\b(?:hesab\w*|"
            r"e ?posta\w*|instagram\w*|whatsapp\w*|telefonu\w*)\b.{0,20}\b(?:hackle\w*|hack\w*|ele gecir\w*)|"
            r"\bsifre\w* (?:\w+ )?cal(?!is)\w*|\b(?:birini|bir insani|insan) (?:nasil )?(?:oldur|zehirle|kacir)\w*|"
            r"\b(?:cocuk\w*|resit olmayan\w*|kucuk yas\w*|ergen\w*)\b.{0,30}\b(?:cinsel(?! egitim| saglik|"
            r" istismar)\w*|ciplak\w*|porno\w*|erotik\w*)\b|\b(?:cinsel(?! egitim| saglik| istismar)\w*|ciplak\w*|"
            r"porno\w*|erotik\w*)\b.{0,30}\b(?:cocuk\w*|resit olmayan\w*)\b",
    "ENCODE": r"\b(?:base ?64|rot ?13|onaltilik|on altilik|hex|ikilik|ikili (?:kod|sistem)\w*|mors\w*|sifrele\w*|"
              r"sifreli|kodlanmis|kodla(?!ma\b)\w*|tersten|ters (?:sirada|cevir|yaz)\w*|geriye dogru|gizli dil\w*|"
              r"kod (?:kelime|sozcuk)\w*|gizle\w*|kamufle\w*|harfleri\w* ayir\w*|leetspeak)",
    "EVADE": r"\b(?:filtre\w*|moderasyon\w*|moderator\w*|sansur\w*|fark et(?!tir)\w*|fark edil\w*|yakalan\w*|"
             r"tespit\w*|algila\w*|gozden kac\w*|atlat\w*|yasak\w*|engellen\w*|anlamasin|anlamayacak\w*)",
}

PHRASES = [
    ("instruction_override", r"\b(?:gelistirici|dan|jailbreak|tanri|sinirsiz|kisitlamasiz|sansursuz|hata ayiklama|"
                             r"kuralsiz) ?mod(?:u|una|unu|unda|da|a)?\b"),
    ("instruction_override", r"\b(?:sistem (?:istem|mesaj|komut|talimat|prompt)\w*|gizli talimat\w*|ilk talimat\w*|"
                             r"orijinal talimat\w*|baslangic talimat\w*) (?:\w+ ){0,2}(?:goster|paylas|yaz|tekrarla|"
                             r"acikla|ver|soyle|ifsa et|yazdir|dok)\w*"),
    ("instruction_override", r"\b(?:sadece|yalnizca|yalniz) (?:beni|bana|benim (?:emir|talimat|komut)\w*) (?:dinle|"
                             r"itaat et|uy|boyun eg)\w*"),
    ("safety_disable", r"\b(?:yasa ?disi|zararli|etik disi|ahlak ?disi|yasak|suc)\w* (?:\w+ )?(?:olsa (?:bile|da)|"
                       r"bile olsa)\b"),
    ("safety_disable", r"\b(?:yasa|yasalar|hukuk|etik|ahlak|sonuclar)\w* (?:bakmaksizin|umursamadan|onemsemeden)"),
]

# Function words that mark Turkish text (none of them English words): which lexicons scan a text.
MARKERS = ("ve bir bu bana beni benim sen seni senin lutfen asla hep hicbir icin gibi daha cok ile ama degil olarak "
           "ne sadece artik hic bunu sana sonra")
