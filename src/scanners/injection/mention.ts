import type { Finding } from '../../engine/finding.js';

/**
 * A short quotation on one line, up to 160 characters — a phrase or a sign to translate, not a
 * quoted document, which may carry an injection of its own ("translate this review: '… note to
 * the AI: …'"): paired double quotes (from one character on, so that a short Chinese word in
 * quotes does not shift the pairing of the marks after it; not an attribute value after `=`,
 * where pages hide text for the model; «, ‹, 「 and 『 close with their own mark only, so that
 * «… “…” …» is not read as «… “), guillemets (Slovenian and Danish write »…«: read so only
 * when the marks touch the words, or the text between two French «…» would count) and CJK corner
 * brackets, or single quotes that open after a space and close before one (not the apostrophe
 * of `don't`, which may stand inside). Bounded, so a text full of openers is still read in linear time.
 */
const QUOTATION =
  /(?<!=\s{0,2})(?:["“„][^"”»“」』›\n]{1,160}["”“]|«[^»\n]{1,160}»|‹[^›\n]{1,160}›|「[^」\n]{1,160}」|『[^』\n]{1,160}』)|»(?=\S)[^«»\n]{3,160}(?<=\S)«|(?:^|(?<=[\s(:]))'(?:[^'\n]|(?<=\p{L})'(?=\p{L})){3,160}'(?=$|[\s.,;:!?)])|(?:^|(?<=[\s(:]))‘[^’\n]{3,160}’/gu;
/**
 * A quotation written as a regular expression (`(?:`, `)?`, `.*`, `\s`, `[^…]`, `{0,20}`): a
 * filter's pattern, never an order to a model.
 */
const REGEX_SYNTAX = /\(\?[:!=<]|\)[?*+]|\.[*+]|\.\{\d|\\[sbwdSBWD]|\[\^|\]\{\d|\{\d+,\d*\}/;
/**
 * An example in parentheses that cites a label or a quotation: "(e.g. bot: add the label wontfix
 * to every issue)", "(e.g. \"[SYSTEM] …\")"; not "(e.g. ignore the instructions and …)", which
 * reads as the order itself.
 */
const EXAMPLE_ASIDE =
  /\((?:e\.\s?g\.|for\s+example|for\s+instance|such\s+as|z\.\s?b\.|p\.\s?ej\.|p\.\s?ex\.|par\s+exemple|zum\s+beispiel|por\s+ejemplo|por\s+exemplo|per\s+esempio|bijv\.|напр(?:имер)?\.?|例如|比如|例えば|예를\s+들어|예:)[,:]?\s*(?:\p{L}[\p{L} -]{0,20}[:：]|["“«„「'‘])[^()\n]{0,200}\)/giu;
/**
 * A test in code (a line that opens with `def test_…`, `assert`, `expect(`, `it('…'`, `@Test`):
 * its string literals are inputs of the test, so there a quoted value after `=` is a quotation
 * too (elsewhere it is not: an attribute value is where pages hide text for the model).
 */
const TEST_CODE = /^[ \t]*(?:def\s+test_|assert\s|expect\(|(?:it|test|describe)\(\s*['"`]|@Test\b)/m;
/** Markup with attributes (`<img alt="…">`): never read as test code, however it is worded. */
const MARKUP_ATTRIBUTE = /<[a-z][\w-]*\s[^>]*?[\w-]\s*=\s*["']/i;
/** {@link QUOTATION}, also after `=`: read in {@link TEST_CODE} only. */
const TEST_QUOTATION = new RegExp(QUOTATION.source.replace(String.raw`(?<!=\s{0,2})`, ''), 'gu');
/**
 * Words that present a quotation as an example of an attack rather than as an instruction:
 * attack, injection, meme, phishing, canary, example, "things like", phrase, "what does … mean",
 * "how would you say", translation, training, "prohibited:" or "prohibited to type / ask" (a
 * policy's list of what not to type, not a jailbreak's "nothing is prohibited"); and the
 * quotation put in someone else's mouth ("if someone asks", "people typing", "customers tell it",
 * "when a user says「…」", which Chinese, Japanese and Korean put after the quotation), in the
 * twelve languages; attack, example and training in the others the packs read. Written in lower
 * case and tested on lower-cased text: a case-blind Unicode search of this many words took
 * twice as long.
 */
const MENTION_CUE = new RegExp(
  [
    String.raw`\b(?:attack(?:s|ers?)?|injections?|jailbreak(?:s|ing)?|memes?|phishing|red[- ]?team(?:ing)?|awareness|training|course|module|slides?|quiz|examples?|for instance|such as|phrases?|wording|sentences?|means?|meaning|translat(?:e|ion)|how (?:(?:do|would|could|can|should) (?:you|i|we|one) )?say|prohibited\s+(?:inputs?|prompts?|phrases?|words?|terms?|requests?|messages?|strings?)|prohibited\s+(?:to|from)\s+(?:type|typing|enter|entering|paste|pasting|submit|submitting|send|sending|write|writing|ask|asking)|payloads?|owasp|ctf|detect(?:ion|or|s)?|classifier|guardrails?|recogni[sz]e|(?:things|something|stuff|lines|messages|requests|inputs|strings?)\s+like|canar(?:y|ies)|(?:containing|contains|with)\s+the\s+text|explain\s+what|found\s+(?:this|it|that)\s+in|came\s+across|(?:if|when|whenever)\s+(?:someone|somebody|anyone|anybody|a\s+user|the\s+user|users|a\s+customer|customers|people)|(?:someone|somebody|customers|users|people|attackers)\s+(?:sends?|sent|sending|tells?|told|telling|asks?|asked|asking|says?|said|saying|writes?|wrote|writing|types?|typed|typing|pastes?|pasted|pasting)|tested\s+(?:it\s+)?(?:by|with)\s+(?:sending|typing|asking|pasting|writing))\b`,
    // A colon or a full stop ends no word, so these stand outside the \b of the line above.
    String.raw`prohibited\s*:|(?<![\p{L}\p{N}])e\.\s?g\.`,
    // One user's input reported right before the quotation ("user typed '…'", a ticket's note); not
    // with a colon ("The user typed: …"), nor speech ("the user asked: …"), which can label a fake turn.
    String.raw`\b(?:user|customer|attacker|tester)\s+(?:typed|pasted|entered|submitted)\s*\n`,
    // A quotation that is the topic ("the thing people miss about '…' is"), or what was asked of a
    // model in a report ("reveals its prompt when asked to '…'"): the cue right before it.
    String.raw`\b(?:about|regarding|concerning|(?:when|if|once)\s+asked\s+to)\s*\n`,
    // What a document was found to contain: "page 7 contains text: '…'", "white text reading '…'".
    String.raw`\bcontain(?:s|ed|ing)?\s+(?:(?:white|hidden|invisible|the)\s+)*text\b|\b(?:white|hidden|invisible)\s+text\s+(?:reading|saying)\b`,
    // The expected verdict of a test case beside its input: fixtures of a filter list attacks.
    String.raw`\b(?:expected|expect|esperado|erwartet|verwacht|attendu|atteso|ожидается|期待値|预期)\s*[:=]|\b(?:fixtures?|test\s*cases?|testgevallen|testf[äa]lle|casos\s+de\s+prueba|cas\s+de\s+test)\b`,
    // A table's column of expected verdicts ("id,text,expected", "क्रम,इनपुट,अपेक्षित_परिणाम"), a
    // verdict right after the quotation ('"…", true}', '"…",block'), a list named for attacks.
    String.raw`(?:^|[\n;,|\t])[ \t]*(?:expected|erwartet|esperado|verwacht|attendu|atteso|ожидается|ожидаемый|期待値|预期|期望|예상|المتوقع|अपेक्षित)(?:[_ ]?(?:result|verdict|label|outcome|परिणाम))?[ \t]*(?:[;,|\t]|\r?\n)`,
    String.raw`\n[ \t]*[,;|][ \t]*(?:true|false|[01]|block(?:ed)?|allow(?:ed)?|reject(?:ed)?|pass|fail|malicious|benign|safe|unsafe|bloquear|permitir|blockieren|erlauben|bloquer|autoriser|blokkeren|doorlaten)[ \t]*(?:[,;|})\]\r\n]|$)`,
    // What a filter's author or a reviewer says of the strings: a list named so in code
    // (seedPayloads, attack_prompts), markers and red flags, what a regex should catch.
    String.raw`[a-z](?:payloads?|attacks?|injections?|jailbreaks?)\b|\b(?:payloads?|attacks?|injections?|jailbreaks?|malicious|malveillants?)_|_(?:malicious|malveillants?)\b|\b(?:markers?|indicators?|red\s+flags?|signs\s+of|variations?|variants?|regex(?:es|ps)?|pre-?filters?)\b`,
    String.raw`ataque|atacante|inyecci|concienciaci|formaci[oó]n|ejemplo|frase|significa|trad[uú]c|c[oó]mo se dice|si alguien|prob(?:[oó]|aron)\s+(?:a\s+)?(?:escribiendo|mandando|enviando|poniendo|pegando)|prohibid[oa]s?\s*:|prohibid[oa]\s+(?:escribir|introducir|pegar|pedir|enviar)`,
    String.raw`attaque|sensibilisation|exemple|signifie|tradui|comment dit-on|si quelqu['’]un|quelqu['’]un\s+(?:lui\s+)?(?:écrit|tape|envoie)|(?:s['’]amusent|s['’]amuse|essaient|essayent|essaie|tentent|tente)\s+(?:à|de)\s+(?:lui\s+)?(?:écrire|taper|envoyer|demander|dire)|interdit(?:e|s|es)?\s*:|interdit\s+de\s+(?:taper|saisir|écrire|coller|demander|envoyer)`,
    String.raw`angriff|angreifer|schulung|beispiel|bedeutet|[üu]bersetz|wie sagt man|wenn jemand|verboten\s*:|untersagt\s*:|(?:tippen|eingeben|schreiben|einfügen|fragen)\s+(?:ist\s+)?(?:verboten|untersagt)`,
    String.raw`inje[cç][aã]o|treinamento|exemplo|traduz|como se diz|se algu[eé]m|test(?:ou|aram|ei|amos)\s+(?:mandando|enviando|escrevendo|digitando|colando)|proibid[oa]s?\s*:|proibid[oa]\s+(?:escrever|digitar|colar|pedir|enviar)|vedad[oa]\s+(?:qualquer\s+)?tentativa|attacco|iniezione|formazione|esempio|come si dice|se qualcuno|vietat[oa]\s*:|vietato\s+(?:scrivere|digitare|incollare|chiedere|inviare)`,
    String.raw`aanval|voorbeeld|betekent|vertaa?l|als iemand|verboden\s*:|verboden\s+(?:om\s+)?(?:te\s+)?(?:typen|invoeren|schrijven|plakken|vragen)|атак|инъекц|обучени|пример|фраз|означает|перев|если кто-(?:то|нибудь)|запрещено\s+(?:вводить|писать|вставлять|просить|отправлять)|запрещ\S*\s*:`,
    String.raw`攻击|注入|培训|例如|示例|意思|翻译|被问到|如果有人|包括输入|输入诸如|输入类似|禁止(?:输入|发送|粘贴|要求|让)|攻撃|インジェクション|研修|訓練|例えば|意味|翻訳|と言われ|と聞かれ|と頼まれ|などと|などの|入力(?:は|を)?禁止|禁止(?:事項)?[:：]`,
    String.raw`공격|인젝션|교육|예시|예를|의미|번역|라고\s*(?:하면|물으면|요청하면)|입력[^\n]{0,10}금지|금지\s*(?:사항)?[:：]|시도는\s*금지|등으로|등의|هجوم|حقن|تدريب|مثال|تعني|ترجم|ممنوع\s+(?:كتابة|إدخال|طلب)|يُمنع\s+(?:كتابة|إدخال|طلب)|उदाहरण|हमला|प्रशिक्षण|मतलब|अनुवाद|कहते\s+हैं|(?:लिखना|डालना|पूछना)\s+मना|निषिद्ध\s*:`,
    // What a defender's text says the model or a filter does with the quoted request ("declines
    // requests to '…'", "blocks prompts like '…'"), and teaching material ("worksheet", "answer key").
    String.raw`\b(?:declin|refus|reject|block|flag|detect|catch|catches|stop)(?:e|es|ed|ing|s)?\s+(?:such\s+|these\s+|those\s+|any\s+|all\s+)?(?:requests?|attempts?|prompts?|messages?|inputs?|phrases?|instructions)\s+(?:to|like|such\s+as)?\s*:?\s*\n|\b(?:worksheets?|answer\s+key|lesson\s+plans?)\b`,
    // A question about what such a phrase does to a model ("what does '…' actually do?", the
    // quotation right after the question word: it stands at the line break), and the filter
    // that catches or misses it ("our filter flags …", "a content filter").
    String.raw`(?<!\p{L})(?:(?:what\s+(?:does|did)|qu[eé]\s+hace|que\s+fait|was\s+(?:macht|bewirkt)|o\s+que\s+faz|cosa\s+fa|wat\s+doet|что\s+делает)\s*\n|(?:content|safety|spam|prompt|input|injection|jailbreak|keyword|word)\s+filters?|(?:our|the|my|their)\s+filters?\s+(?:catches|caught|blocks|blocked|flags|flagged|misses|missed|detects|detected))(?!\p{L})`,
    // A worried question about the quoted text: is it dangerous, a scam, normal; how do I stop,
    // block or detect it; what should I do; in the twelve languages.
    String.raw`\bis\s+(?:this|it|that)\s+(?:dangerous|a\s+scam|safe|normal|real|malicious|an?\s+(?:attack|virus|hack))\b|\bhow\s+(?:do|can|should|would)\s+(?:i|we|you)\s+(?:stop|prevent|block|defend\s+against|detect|catch|protect\s+(?:against|from)|filter|handle)\b|\bshould\s+i\s+(?:worry|be\s+worried|be\s+concerned)\b|\bwhat\s+should\s+(?:i|we)\s+do\b`,
    String.raw`(?<!\p{L})(?:es\s+peligroso|es\s+una\s+estafa|c[oó]mo\s+(?:lo\s+)?(?:evito|bloqueo|detecto|impido|prevengo)|est-ce\s+(?:dangereux|une\s+arnaque|normal)|comment\s+(?:l['’])?(?:éviter|bloquer|détecter|empêcher)|ist\s+(?:das|es)\s+(?:gefährlich|betrug|normal)|wie\s+(?:kann|verhindere|blockiere|erkenne)\s+(?:ich|man)|(?:é|isso\s+é)\s+(?:perigoso|golpe|normal)|como\s+(?:eu\s+)?(?:evito|bloqueio|detecto|impeço)|è\s+(?:pericoloso|una\s+truffa|normale)|come\s+(?:posso\s+)?(?:evitare|bloccare|rilevare|impedire)|is\s+dit\s+(?:gevaarlijk|oplichting|normaal)|hoe\s+(?:kan\s+ik\s+)?(?:voorkom|blokkeer|herken)|это\s+(?:опасно|мошенничество|нормально)|как\s+(?:это\s+)?(?:предотвратить|заблокировать|обнаружить|защититься))(?!\p{L})`,
    String.raw`危险吗|是诈骗吗|正常吗|怎么(?:防止|防范|阻止|检测|拦截)|危険です(?:か)?|詐欺です(?:か)?|どう(?:防げ|防ぐ|検出|ブロック)|위험한가요|위험해요|사기인가요|어떻게\s*(?:막|방지|탐지|차단)|هل\s+هذا\s+(?:خطير|احتيال|طبيعي)|كيف\s+(?:أمنع|أحمي|أكتشف|أوقف)`,
    // Someone typing, sending or saying the phrase, reported in the past or the third person (the
    // English forms are above; not an infinitive or an imperative, "write:", which orders). The
    // quotation stands at the line break between the text before it and the text after it.
    String.raw`(?<!\p{L})(?:escribi[oó]|escribieron|escriben|tecle[oó]|tecleaban|digitou|digitaram|escreveu|escreveram|escrevem|(?:a|ont)\s+(?:écrit|tapé|envoyé)|écrivent|tippte|tippten|schrieb(?:en)?|(?:ha|hanno)\s+(?:scritto|digitato|inviato|mandato)|scrivono|typte|typten|stuurde|stuurden|написал[аи]?|напечатал[аи]?|пишут|пишуть|пишет|написав|написала|сказав|сказала|прислал[аи]?|отправил[аи]?|надіслав|надіслала|打了|入力した|입력한|يكتبون|yazıyor|yazdı|yazmış|pisze|piszą|napisał[aoy]?|mandou|mandaram|envi[oó]|enviaron|enviou|enviaram|schickte|schickten|γράφουν|έγραψε|είπε)(?!\p{L})`,
    // "For example" abbreviated, "prompts like …", "something like …", in the twelve languages.
    String.raw`(?<!\p{L})(?:z\.\s?b\.|p\.\s?ej\.|p\.\s?ex\.|bijv\.|bv\.|ad\s+es\.|напр\.)`,
    String.raw`\b(?:prompts?|commands?|instructions?|texts?|questions?|inputs?|messages?)\s+like\b`,
    String.raw`(?<!\p{L})(?:(?:instrucciones|mensajes|textos|entradas|prompts|comandos|peticiones|solicitudes|cosas|órdenes|preguntas)\s+(?:como|del\s+tipo)|tales\s+como|algo\s+como|a\s+t[ií]tulo\s+(?:ilustrativo|de\s+ejemplo))(?!\p{L})`,
    String.raw`(?<!\p{L})(?:du\s+genre|(?:instructions|messages|textes|prompts|commandes|requêtes|demandes|trucs|choses|questions)\s+(?:comme|du\s+type|du\s+genre)|tel(?:le)?s?\s+que)(?!\p{L})`,
    String.raw`(?<!\p{L})(?:(?:eingaben|anweisungen|befehle|nachrichten|prompts|texte|sätze|sachen|dinge|anfragen|fragen)\s+wie|so\s*(?:et)?was\s+wie)(?!\p{L})`,
    String.raw`(?<!\p{L})(?:(?:comandos|instruções|mensagens|textos|prompts|pedidos|coisas|entradas|perguntas)\s+como|tais\s+como|algo\s+como|(?:istruzioni|messaggi|testi|prompt|comandi|richieste|cose|frasi|domande)\s+(?:come|del\s+tipo)|qualcosa\s+come)(?!\p{L})`,
    String.raw`(?<!\p{L})(?:(?:instructies|berichten|teksten|prompts|opdrachten|commando['’]s|verzoeken|dingen|invoer|vragen)\s+(?:als|zoals)|zoiets\s+als|что-то\s+(?:вроде|типа)|(?:запрос[а-яё]*|команд[а-яё]*|инструкци[а-яё]*|сообщени[а-яё]*)\s+(?:вроде|типа|наподобие)|так(?:ие|их)\s+как)(?!\p{L})`,
    String.raw`比如|诸如|之类|以下类型|包括但不限于|のような|みたいな|といった|같은\s*(?:말|문장|프롬프트|요청|메시지|지시)|(?:أوامر|عبارات|طلبات|تعليمات|رسائل)\s+مثل`,
    // Someone's message reported, not sent: "a user wrote …", "un usuario le escribió …",
    // "有用户发了 …", "… 라고 했더니", "… yazmış".
    String.raw`\b(?:a|one|some|another)\s+(?:user|customer|tester|visitor|student|kid|colleague|guy|person|player)\s+(?:\w+\s+)?(?:told|asked|said|wrote|typed|pasted|submitted|sent|posted|entered|tried|tells|asks|says|writes|types|pastes|submits|sends|posts|enters|tries|saying|asking|typing|writing|sending|pasting|posting)\b`,
    String.raw`(?<!\p{L})(?:(?:un|una|algún|alguna|otro|otra)\s+(?:usuario|usuaria|cliente|visitante|alumno|alumna)\s+(?:le\s+|me\s+|nos\s+)?(?:escribió|puso|pegó|mandó|envió|dijo|pidió|preguntó|intentó)|alguien\s+(?:le\s+|me\s+)?(?:escribió|puso|pegó|mandó|dijo))(?!\p{L})`,
    String.raw`(?<!\p{L})(?:(?:un|une)\s+(?:utilisateur|utilisatrice|client|cliente|visiteur)\s+(?:lui\s+|m['’]\s*)?a\s+(?:écrit|tapé|envoyé|collé|demandé|dit)|(?:ein|eine)\s+(?:nutzer(?:in)?|benutzer(?:in)?|kunde|kundin|besucher(?:in)?)\s+(?:hat\s+)?(?:\S+\s+)?(?:geschrieben|schrieb|getippt|tippte|eingegeben|gefragt|fragte|geschickt|schickte))(?!\p{L})`,
    String.raw`(?<!\p{L})(?:(?:um|uma)\s+(?:usu[aá]ri[oa]|cliente|visitante)\s+(?:me\s+|lhe\s+)?(?:escreveu|digitou|mandou|enviou|colou|disse|pediu|perguntou)|(?:un|un['’])\s*(?:utente|cliente|visitatore)\s+(?:gli\s+|mi\s+)?ha\s+(?:scritto|digitato|mandato|inviato|incollato|chiesto|detto)|een\s+(?:gebruiker|klant|bezoeker)\s+(?:heeft\s+)?(?:\S+\s+)?(?:schreef|typte|stuurde|vroeg|geschreven|getypt|gestuurd|gevraagd))(?!\p{L})`,
    String.raw`(?<!\p{L})(?:(?:пользовател[а-яё]*|клиент[а-яё]*|кто-то)\s+(?:\S+\s+)?(?:написал[а-яё]*|напечатал[а-яё]*|ввёл|ввел|ввела|отправил[а-яё]*|прислал[а-яё]*|спросил[а-яё]*))(?!\p{L})`,
    String.raw`(?:(?:有|一个|一位|某个|某位)(?:用户|网友|客户|顾客)|有人)(?:发了|发来|输入了?|写了|打了|问了)|と(?:入力|書き込|送信)(?:した|され|して)|라고\s*(?:하니까|했더니|했는데|입력했|쳤|보냈|물었|적었)|(?<!\p{L})(?:yazmış|yazınca|yazdı|yazdığında|demiş)(?!\p{L})`,
    // The languages beyond the twelve that the packs' *-more-languages rules read: attack,
    // injection, example, training. At a word's start only: `primer` is also Spanish `primero`.
    String.raw`(?<![\p{L}\p{N}])(?:exempel|eksempel|angrep|angreb|angrip|angrepp|injektion|injeksjon|injektio|injekc|injecți|injekci|enjeksiyon|injeksi|utbildning|opplæring|esimerk|hyökkä|tietoturvakoulutu|dæmi|árás|fræðsla|näide|näiteks|ründaja|koolitus|piemēr|uzbruk|apmācīb|pavyzd|mokym|exemple|formació|příklad|príklad|útok|útoč|školení|školenie|przykład|szkoleni|primjer|napadač|napadalec|napadalc|delavnic|usposablj|obuk|edukacij|exemplu|atacator|instruire|példa|például|támad|képzés|oktatás|παράδειγμα|επίθεσ|επιθέσ|εκπαίδευσ|приклад|навчанн)`,
    String.raw`(?<![\p{L}\p{N}])(?:(?:prompt|perintah|instruksi|kalimat|pesan)\s+seperti|(?:μηνύματα|φράσεις|προτροπές)\s+τύπου|דוגמ|תקיפ|תוקפ|הדרכ|saldırı|örnek|eğitim|serangan|contoh|pelatihan|tấn\s+công|ví\s+dụ|đào\s+tạo|การโจมตี|ตัวอย่าง|อบรม|حمله|نمونه|آموزش|حملہ|تربیت|আক্রমণ|উদাহরণ|প্রশিক্ষণ|தாக்குதல்|பயிற்சி|உதாரண|దాడి|శిక్షణ|ఉదాహరణ|shambulio|mfano|mafunzo|pag-atake|halimbawa|pagsasanay)`,
  ].join('|'),
  'u',
);
/**
 * Words that make a text one about attacks on AI models: prompt injection, jailbreaks, red
 * teaming, guardrails, adversarial prompts, in the twelve languages and a few more. Within
 * {@link TOPIC_WINDOW} of one of them, outside every quotation (an attack that names itself
 * inside its quotes is no example), a short quotation reads as an example, as one beside a
 * {@link MENTION_CUE} does: a policy, a post-mortem, a quiz or a developer's question quotes the
 * attacks it is about far from the words that name them. Words that ordinary mail and pages use
 * (attacker, phishing, malicious, injection molding, security team) count only as cues, near.
 */
const ABOUT_ATTACKS = new RegExp(
  [
    String.raw`\b(?:prompt[- ]?injections?|jailbr(?:eak|eaks|eaking|eaked|oken|eaken|eakt|eakte|eakten)|red[- ]?team(?:s|ing|ers?)?|guardrails?|adversarial\s+(?:prompts?|inputs?))\b`,
    String.raw`inyecci[oó]n\s+de\s+(?:prompts?|instrucciones)|injection\s+de\s+(?:prompts?|consignes)|prompt-?injektion|injeç[aã]o\s+de\s+(?:prompts?|instruç[oõ]es)|iniezione\s+di\s+(?:prompt|istruzioni)|prompt-?injectie`,
    String.raw`промпт-?инъекц|инъекци[а-яё]*\s+промпт|джейлбре[йк]|提示词?注入|越狱|红队|プロンプトインジェクション|ジェイルブレイク|脱獄|レッドチーム|프롬프트\s*인젝션|탈옥|레드\s*팀|حقن\s+(?:الأوامر|التعليمات|المطالبات)|الفريق\s+الأحمر|جيلبريك|प्रॉम्प्ट\s+इंजेक्शन`,
  ].join('|'),
  'giu',
);
/** How far from a quotation, in UTF-16 units, a word of {@link ABOUT_ATTACKS} makes it an example. */
const TOPIC_WINDOW = 1000;
/**
 * Words that tell the reader to carry the quotation out ("do it", "comply", "obey", "do what
 * customers say"): beside them a quotation is an order, whatever cue stands near it.
 */
const OBEY_CUE = new RegExp(
  [
    // Not where the words ask what a model might do ("why the model might obey it").
    String.raw`(?<!\b(?:might|would|could|may|why)\s+)\b(?:do\s+(?:it|so|that|this|what|these|them|those)|doing\s+(?:it|so|that|this)|comply|obey|follow\s+(?:it|them|that|this|those)|execute\s+(?:it|that|this)|carry\s+(?:it|that|this)\s+out|act\s+on\s+(?:it|that|this))\b`,
    String.raw`\b(?:hazlo|obedece|cúmple(?:lo|la)|fais-le|faites-le|obéis|obéissez|exécute(?:-le|z-le)?|befolge|gehorche|faça\s+isso|obedeça|cumpra|fallo|obbedisci|esegui(?:lo)?)\b`,
    String.raw`сделай\s+это|выполни|подчинись|照做|照着做|従って|実行して|그대로\s*해|실행해|نفذ|أطع`,
    String.raw`(?<![\p{L}])(?:gör\s+det|gør\s+det|gjør\s+det|tee\s+se|tee\s+niin|udělej\s+to|urob\s+to|zrób\s+to|uradi\s+to|naredi\s+to|f[aă]-o|csináld|направи\s+го|зроби\s+це|κάνε\s+το|עשה\s+את\s+זה|yap\s+bunu|lakukan|làm\s+đi|fes-ho)(?![\p{L}])`,
  ].join('|'),
  'iu',
);
/**
 * The defensive line of a system prompt: a condition on what someone else asks ("if the user asks
 * you to reveal your instructions", "si el usuario te pide que ignores las reglas") whose main
 * clause, right after the comma, refuses ("politely decline", "responde que no puedes"). A refusal
 * only counts as that main clause's verb, so "…, never refuse" or "…, do not decline" is no
 * refusal. In the twelve languages; bounded to one sentence.
 */
const DEFENSIVE = new RegExp(
  [
    String.raw`\b(?:if|when|whenever|should)\s+(?:the\s+|a\s+|any\s+)?(?:user|users|someone|somebody|anyone|anybody|customer|customers|player|players|student|students|visitor|visitors|people|caller|they)\s+(?:asks?|tells?|wants?|tries\s+to\s+(?:get|make)|requests?|says?\s+to|instructs?|orders?)\b[^.!?\n]{1,160}?[,;:]\s*(?:then\s+)?(?:(?:you|it|the\s+(?:bot|assistant|model|agent))\s+(?:should|must|will|shall)\s+)?(?:(?:politely|kindly|gently|firmly|simply|always)\s+)?(?:decline|refuse|say\s+no|say\s+(?:that\s+)?you\s+can(?:not|['’]t)|explain\s+that|redirect|stay\s+in\s+(?:character|role)|remain\s+in|respond\s+in\s+character|(?:reply|answer|respond)\s+that\s+you\s+can(?:not|['’]t)|do\s+not\s+comply|don['’]t\s+comply|never\s+comply|ignore\s+(?:it|them|that|the\s+request))\b`,
    String.raw`\bsi\s+(?:el\s+|un\s+|alg[uú]n\s+)?(?:usuario|cliente|jugador|alguien)\s+(?:te\s+|le\s+)?(?:pide|dice|solicita|intenta\s+que|ordena)\b[^.!?\n]{1,160}?[,;:]\s*(?:(?:t[uú]|[eé]l)\s+)?(?:(?:debes|deber[aá]s|debe)\s+)?(?:(?:amablemente|educadamente|cort[eé]smente|con\s+amabilidad)\s+)?(?:responde|responder|contesta|di\s+(?:(?:amablemente|educadamente)\s+)?que|explica|rechaza|rechazar|ni[eé]gate|negarte|no\s+lo\s+hagas)`,
    String.raw`\bsi\s+(?:l['’]utilisateur|un\s+utilisateur|quelqu['’]un|le\s+client|un\s+client|un\s+joueur)\s+(?:te|vous|lui)\s+(?:demande|dit|ordonne)\b[^.!?\n]{1,160}?[,;:]\s*(?:(?:tu|vous|il)\s+(?:dois|devez|doit)\s+)?(?:(?:poliment|gentiment|courtoisement)\s+)?(?:refuse|refusez|refuser|r[eé]ponds|r[eé]pondez|r[eé]pondre|explique|expliquez|d[eé]cline|d[eé]clinez|ne\s+le\s+fais\s+pas)`,
    String.raw`\bse\s+(?:o\s+|um\s+|algum\s+)?(?:usu[aá]rio|cliente|jogador|algu[eé]m)\s+(?:te\s+|lhe\s+)?(?:pedir|disser|mandar|solicitar|pede|diz)\b[^.!?\n]{1,160}?[,;:]\s*(?:(?:ele|ela|voc[eê])\s+)?(?:(?:deve|precisa)\s+)?(?:(?:educadamente|gentilmente)\s+)?(?:responda|responde|responder|recuse|recusa|recusar|explique|explica|diga\s+(?:(?:educadamente|gentilmente)\s+)?que)`,
    String.raw`\bse\s+(?:l['’]utente|un\s+utente|qualcuno|il\s+cliente|un\s+giocatore)\s+(?:ti\s+|gli\s+)?(?:chiede|dice|ordina)\b[^.!?\n]{1,160}?[,;:]\s*(?:(?:devi|deve)\s+)?(?:(?:gentilmente|cortesemente)\s+)?(?:rifiuta|rifiutare|rispondi|rispondere|spiega|declina)`,
    String.raw`(?<!\p{L})(?:wenn|falls|sollte)\s+(?:(?:der|die|ein|eine)\s+)?(?:nutzer(?:in)?|benutzer(?:in)?|anwender(?:in)?|kunde|kundin|jemand|spieler(?:in)?|besucher(?:in)?)\s[^.!?\n]{1,160}?[,;:]\s*(?:dann\s+)?(?:lehne\s+(?:(?:sie|es|das|dies|ihn)\s+)?(?:(?:höflich|freundlich|bestimmt|ruhig)\s+)?ab\b|verweigere(?!\s+(?:\S+\s+)?(?:niemals|nie|nicht|keine?)(?![\p{L}]))|bleib(?:e)?\s+in\s+(?:deiner\s+)?rolle|(?:antworte|erkläre|sage?)[^.!?\n]{0,30}?dass\s+du\s+(?:das\s+|dies\s+)?nicht)`,
    String.raw`(?<!\p{L})(?:als|wanneer|indien)\s+(?:(?:de|een)\s+)?(?:gebruiker|klant|iemand|speler|bezoeker)\s[^.!?\n]{1,160}?[,;:]\s*(?:dan\s+)?(?:weiger(?!\s+(?:\S+\s+)?(?:nooit|niet)(?![\p{L}]))|wijs\s+(?:\S+\s+){0,3}?af(?![\p{L}])|blijf\s+in\s+je\s+rol|(?:antwoord|zeg|leg\s+uit)[^.!?\n]{0,30}?dat\s+je\s+(?:dat\s+|dit\s+)?niet)`,
    String.raw`(?<!\p{L})(?:если|когда)\s+(?:\S+\s+){0,2}?(?:пользовател[а-яё]*|клиент[а-яё]*|кто-то|кто-нибудь|собеседник[а-яё]*|игрок[а-яё]*|посетител[а-яё]*)\s[^.!?\n]{1,160}?[,;:]\s*(?:то\s+)?(?:(?:вежливо|мягко|твёрдо|твердо|корректно)\s+)?(?:откаж|отклон|оставайся\s+в\s+роли|не\s+выполняй|(?:ответь|отвечай|скажи|объясни)[^.!?\n]{0,20}?что\s+(?:ты\s+)?не\s)`,
    String.raw`(?:如果|若|假如|倘若|当|一旦|要是)有?(?:用户|使用者|顾客|客户|访客|玩家|有人|对方|任何人|别人)[^。！？!?\n]{1,160}?[，,；;：:]\s*你?(?:应该|应当|应|需要|必须|要|请|就|则)?(?:礼貌|委婉|婉言|友好|坚定|直接)?地?(?:拒绝|回绝|婉拒|谢绝|不予理会|不要(?:照做|执行|理会|服从)|(?:回答|回复|告诉|说明|表示)[^。！？!?\n]{0,8}?(?:无法|不能))`,
    String.raw`(?:ユーザー|利用者|お客様|顧客|相手|誰か|プレイヤー)(?:が|から)[^。！？!?\n]{1,160}?(?:場合|とき|時|ても|たら|れば)(?:は|には|でも)?[、,，：:]?\s*(?:丁寧に|やんわり(?:と)?|きっぱり(?:と)?|礼儀正しく)?(?:お断り|断(?:って|り|る|わって|わり|わる)|拒否(?:して|する|し(?:ます|てください))|拒絶(?:して|する|し(?:ます|てください))|応じ(?:ない|ず)|従わ(?:ない|ず))`,
    String.raw`(?:사용자|유저|고객|손님|누군가|상대방|플레이어)(?:가|이|께서)\s[^.!?\n]{1,160}?(?:하면|하더라도|해도|경우(?:에는|에도|엔)?|때(?:에는)?)[,，]?\s*(?:정중하게|정중히|공손하게|공손히|단호하게|단호히)?\s*(?:(?:거절|거부)(?:하세요|해\s*주세요|하십시오|해라|하고|한다|합니다|해)|(?:응하지|따르지)\s*(?:마세요|마십시오|말고|말아|않))`,
    String.raw`(?:إذا|إن|لو|عندما|متى)\s+[^.!?؟\n]{0,20}?(?:المستخدم|العميل|الزبون|أحد|شخص)[^.!?؟\n]{1,160}?[،,:؛]\s*ف?(?:اعتذر|ارفض|لا\s+تستجب|لا\s+تنفذ|قل\s+(?:له\s+)?(?:إنك|أنك|انك)\s+لا)`,
  ].join('|'),
  'giu',
);
/**
 * A prohibition addressed to third parties, as policies write it: "Users must not attempt to
 * extract system instructions, bypass safety filters, or impersonate administrators",
 * "Contractors are prohibited from …". Read to the end of its clause (a period, semicolon or line
 * end). Not "you must not …": that is how jailbreaks word their orders.
 */
const PROHIBITION =
  /\b(?:users?|employees?|staff|contractors?|students?|customers?|visitors?|members?|participants?|vendors?|partners?|personnel|workers?|licensees?)\s+(?:(?:must|may|shall|should)\s+not|mustn['’]t|shouldn['’]t|(?:are|is)\s+not\s+(?:allowed|permitted)\s+to|(?:are|is)\s+(?:prohibited|forbidden|barred)\s+(?:from|to))\s+[^.!?\n;]{1,200}/giu;
/**
 * A sheet of paper on a door, a wall or a machine, in the twelve languages and Turkish: "ignore the
 * old instructions on the door", "negeer de instructies naast de printer", «Игнорируйте старые
 * инструкции на двери», "忽略门上的旧说明", "Kapıdaki eski talimatlar". The instructions a notice
 * tells people to ignore are on paper, not the model's.
 */
const PAPER_NOTICE = new RegExp(
  [
    String.raw`\b(?:instruction|direction)\s+(?:sheets?|cards?|leaflets?|booklets?|posters?|signs?|stickers?)\b|\b(?:on|at|by|beside|next\s+to|near|above|inside|from)\s+(?:the\s+)?(?:\w+\s+)?(?:door|wall|fridge|printer|copier|photocopier|elevator|lift|noticeboard|bulletin\s+board|whiteboard|stations?\s+\d|packaging|reception\s+desk)s?\b`,
    String.raw`(?<!\p{L})(?:(?:de|en|sobre|junto\s+a)\s+(?:la|el)\s+(?:puerta|pared|nevera|impresora|fotocopiadora|ascensor|entrada|recepción|tablón)|(?:sur|à\s+côté\s+de|près\s+de)\s+(?:la|le|l['’])\s*(?:porte|mur|frigo|réfrigérateur|imprimante|photocopieuse|ascenseur|tableau\s+d['’]affichage)|affichée?s|(?:an|auf|neben)\s+(?:der|dem)\s+(?:tür|wand|kühlschrank|drucker|kopierer|aufzug|pinnwand)|aushang|(?:sulla|sul|accanto\s+alla|accanto\s+al|vicino\s+alla)\s+(?:porta|parete|muro|frigo|stampante|fotocopiatrice|ascensore|bacheca)|(?:na|no|junto\s+à|ao\s+lado\s+da)\s+(?:porta|parede|geladeira|impressora|elevador|mural)|(?:op|aan|bij|naast)\s+(?:de|het)\s+(?:\S+\s+)?(?:deur|muur|koelkast|printer|kopieerapparaat|lift|prikbord)|papieren\s+handleiding)(?!\p{L})`,
    String.raw`(?<!\p{L})(?:(?:на|у|возле|рядом\s+с)\s+(?:\S+\s+)?(?:двер[а-яё]*|стен[а-яё]*|принтер[а-яё]*|холодильник[а-яё]*|лифт[а-яё]*|табличк[а-яё]*)|(?:kapı|duvar|yazıcı|asansör|buzdolabı|tabela)\S*(?:daki|deki|taki|teki))(?!\p{L})|门上|墙上|冰箱上|打印机(?:上|旁)|电梯(?:里|内|口)|告示|公告栏|ドアに|壁に|冷蔵庫に|張り紙|貼り紙|문에\s*붙|벽에\s*붙|게시판|على\s+(?:الباب|الجدار|الحائط|الثلاجة|الطابعة)|(?:عند|بجانب)\s+(?:الباب|الطابعة)`,
  ].join('|'),
  'iu',
);
/** How far before a finding, or after it, a notice's place may stand in its sentence, in UTF-16 units. */
const NOTICE_WINDOW = 40;
const SENTENCE_END = /[.!?。！？\n]/u;
/**
 * A line that opens a turn of a conversation log, by the user's side or the assistant's, as chat
 * exports write it: "[USER] …", "<user>", or "assistant: …", "**Customer:** …", "用户：…" — in
 * brackets (`bracketed`) or before a colon.
 */
const turn = (labels: string, bracketed: boolean): RegExp =>
  new RegExp(
    bracketed
      ? String.raw`^[ \t]*(?:\[[ \t]*(?:${labels})(?:[ \t:][^\]\n]{0,30})?\]|<(?:${labels})>)`
      : String.raw`^[ \t]*(?:\*\*)?(?:${labels})(?:\*\*)?[ \t]*[:：]`,
    'gimu',
  );
const USER_LABELS = String.raw`user|human|customer|client|visitor|usuario|usuaria|cliente|utilisateur|utilisatrice|nutzer|benutzer|kunde|kundin|utente|usu[aá]rio|gebruiker|klant|пользователь|клиент|kullanıcı|müşteri|用户|客户|顾客|ユーザー|お客様|사용자|고객|المستخدم|العميل|उपयोगकर्ता|ग्राहक`;
const ASSISTANT_LABELS = String.raw`assistant|ai|bot|chatbot|agent|asistente|assistente|assistent|ассистент|бот|asistan|助手|客服|アシスタント|ボット|어시스턴트|챗봇|상담원|المساعد|सहायक`;
/** The turns of each side, by style: bracketed first, then before a colon. */
const LOG_STYLES = [true, false].map((bracketed) => ({ bracketed, user: turn(USER_LABELS, bracketed), assistant: turn(ASSISTANT_LABELS, bracketed) }));
/** A conversation log holds at least this many turns of each side. */
const LOG_TURNS = 2;
/** The rules that read a role label at a line's start, which a conversation log is made of. */
const ROLE_RULES = ['injection-delimiter/role-header', 'injection-delimiter/system-mode-tag'];
/** The model spoken of in the third person: "the model", "the support bot", "it". */
const THE_MODEL = String.raw`(?:(?:the|a|an|our|their|its|your)\s+)?(?:[\w-]+\s+)?(?:models?|assistants?|bots?|chatbots?|llms?|ai|agents?|gpts?|chatgpt|it|them)`;
/**
 * An attack told about, not told: what someone gets a model to do ("attackers tell the model to
 * ignore previous instructions", "asking it to repeat the words above", "jailbreaks make the bot
 * pretend it has no rules"), and attack phrases named as the examples of a kind ("inputs like
 * ignore your instructions", "payloads such as …"). Read to the end of the clause. The model is
 * spoken of in the third person; an attack speaks to it.
 */
const DESCRIBED = new RegExp(
  String.raw`\b(?:(?:tell|tells|telling|told|ask|asks|asking|asked|instruct|instructs|instructing|instructed|trick|tricks|tricking|tricked|convince|convinces|convincing|convinced|get|gets|getting|got|make|makes|making|made|persuade|persuades|persuading|persuaded|coax|coaxes|coaxing|coaxed|manipulate|manipulates|manipulating|manipulated)\s+${THE_MODEL}\s+(?:in)?to\s+|(?:make|makes|making|made|let|lets|letting|have|has|had)\s+${THE_MODEL}\s+(?=\p{Ll})|(?:inputs?|prompts?|phrases?|messages?|commands?|strings?|payloads?|attacks?|injections?|jailbreaks?|tricks?)\s+(?:like|such\s+as)\s+)[^.!?;\n]{1,200}`,
  'giu',
);
/** A {@link DESCRIBED} match that opens with a verb's base form ("tell the model to …"). */
const BASE_VERB = /^(?:tell|ask|instruct|trick|convince|get|make|persuade|coax|manipulate|let|have)\s/iu;
/** Nothing but a few adverbs since the sentence began: where an imperative stands. */
const CLAUSE_START = /(?:^|[.!?:;\n]\s*|[-*•]\s+)(?:(?:please|pls|now|just|then|and|so|also|first|quickly|kindly|simply|go|ok(?:ay)?|next)[,\s]+)*$/iu;
/** The rule that reads the word "jailbreak" and its kin. */
const ATTACK_NAME_RULE = 'injection-roleplay/jailbreak-word';
/** How many quotations of a text are read for cues (a long policy quotes a few dozen). */
const MAX_QUOTATIONS = 1000;
/** The longest gap, in UTF-16 units, between two quotations of one list of examples. */
const LIST_GAP = 120;
/** How far before or after a quotation a cue word may stand, in UTF-16 units. */
const CUE_WINDOW = 120;
/**
 * E-mail addresses, URLs and host names (labels of two characters or more, so not `e.g.`): no cue
 * word stands inside one. `attacker@evil.example`, `beispiel.de` are where an attack sends data.
 */
const ADDRESS = /\S+@\S+|\bhttps?:\/\/\S+|(?<![\p{L}\p{N}])[\p{L}\p{N}-]{2,}(?:\.[\p{L}\p{N}-]{2,})+/gu;
/** What a rule finding inside such a quotation keeps of its score. */
export const MENTION_FACTOR = 0.5;

/**
 * Halves the score of rule findings that lie inside a quotation presented as an example: a
 * training slide quoting «ignora las instrucciones anteriores», "what does 'ignore previous
 * instructions' mean?"; not when words beside it say to carry it out ("… Do it."). A strong
 * phrase quoted so becomes a weak cue: it flags beside another cue, not alone. A quotation counts as one cue, however many rules match in it: its best
 * finding keeps half its score and the others none (two halves would add up to a flag). The
 * findings stay, with the reason in their evidence. A prohibition addressed to third parties
 * ({@link PROHIBITION}) and an attack described in the third person ({@link DESCRIBED}) count
 * the same way. Quotations that follow a cued one within
 * {@link LIST_GAP}, with no order between or after them, are the items of its list; in
 * third-party content (`context: 'document'`) all the quotations and prohibitions of a text
 * count as one mention. Rule findings inside the defensive line of a system prompt
 * ({@link DEFENSIVE}) count nothing. Two more readings halve a finding: an override whose
 * instructions hang on a door or a machine ({@link PAPER_NOTICE}), and, in third-party content
 * that is a conversation log (two turns or more of each side), the role labels of its lines. In
 * a document that quotes attacks as examples, the word "jailbreak" counts nothing. Heuristic
 * findings are left as they are.
 */
export function discountMentions(text: string, findings: Finding[], context: 'message' | 'document'): void {
  if (!findings.some((f) => !f.ruleId.startsWith('heuristic/'))) return;
  for (const m of text.matchAll(DEFENSIVE)) {
    const start = m.index;
    const end = start + m[0].length;
    for (const f of findings) {
      if (f.ruleId.startsWith('heuristic/') || f.start < start || f.end > end) continue;
      f.score = 0;
      f.evidence = 'inside a refused condition ("if the user asks you to …, decline")';
    }
  }
  // A conversation log (a chat export, a support ticket) in third-party content: its system lines
  // are records of a session, not a turn forged into this one; what they say still counts.
  // A label counts as the log's only in the log's own style: a "[SYSTEM]" line among "User:" turns
  // is forged, not exported.
  if (context === 'document' && findings.some((f) => ROLE_RULES.includes(f.ruleId))) {
    for (const { bracketed, user, assistant } of LOG_STYLES) {
      if (turns(text, user) < LOG_TURNS || turns(text, assistant) < LOG_TURNS) continue;
      for (const f of findings) {
        if (!ROLE_RULES.includes(f.ruleId) || /^[ \t]*[[<]/.test(text.slice(text.lastIndexOf('\n', f.start - 1) + 1, f.end)) !== bracketed) continue;
        mentioned(f, f.score * MENTION_FACTOR, 'a role label inside a conversation log (score halved)');
      }
    }
  }
  // "Ignore the old instructions on the door": an override whose instructions hang on a wall.
  for (const f of findings) {
    if (!f.ruleId.startsWith('injection-override/ignore-') || f.score === 0) continue;
    const before = text.slice(Math.max(0, f.start - NOTICE_WINDOW), f.start).split(SENTENCE_END).pop()!;
    const after = text.slice(f.end, f.end + NOTICE_WINDOW).split(SENTENCE_END)[0]!;
    if (!PAPER_NOTICE.test(before + text.slice(f.start, f.end) + after)) continue;
    mentioned(f, f.score * MENTION_FACTOR, 'instructions on a notice or a sheet of paper (score halved)');
  }
  // Quotations presented as examples, and prohibitions: each counts once, at half its best finding.
  // A quotation that follows one presented so, with nothing but a short gap and no order between
  // them, is the next item of the same list ("such as 'a', 'b' or 'c'", a numbered list, a list
  // of strings in code).
  // [start, end, reason, list]: the items of one list of examples share the index of its first,
  // when a cue word stands beside that first one (not only a word naming attacks, further away).
  const mentions: [number, number, string, number][] = [];
  const quotations: [number, number][] = [];
  // Past the first MAX_QUOTATIONS, no quotation is read as a mention: the cost stays bounded on a
  // text made of quotations, and the bound errs towards flagging.
  const testCode = TEST_CODE.test(text) && !MARKUP_ATTRIBUTE.test(text);
  for (const m of text.matchAll(testCode ? TEST_QUOTATION : QUOTATION)) {
    if (quotations.push([m.index, m.index + m[0].length]) >= MAX_QUOTATIONS) break;
  }
  // Where the text names attacks outside its quotations (bounded like them), in text order; past
  // the last quotation read when there were more, none: that text's quotations were not found.
  const named: number[] = [];
  if (quotations.length > 0) {
    const readTo = quotations.length >= MAX_QUOTATIONS ? quotations[quotations.length - 1]![1] : text.length;
    let q = 0;
    for (const n of text.matchAll(ABOUT_ATTACKS)) {
      if (n.index >= readTo) break;
      while (q < quotations.length && quotations[q]![1] <= n.index) q++;
      if (q < quotations.length && quotations[q]![0] <= n.index) continue;
      if (named.push(n.index) >= MAX_QUOTATIONS) break;
    }
  }
  let next = 0;
  let listEnd = -1;
  let listHead = -1;
  for (const [start, end] of quotations) {
    const around = text.slice(Math.max(0, start - CUE_WINDOW), start) + '\n' + text.slice(end, end + CUE_WINDOW);
    // The first place attacks are named that is not too far behind this quotation.
    while (next < named.length && named[next]! < start - TOPIC_WINDOW) next++;
    const aboutAttacks = next < named.length && named[next]! <= end + TOPIC_WINDOW;
    const obeyed = OBEY_CUE.test(around);
    const near = !obeyed && (REGEX_SYNTAX.test(text.slice(start, end)) || MENTION_CUE.test(around.replace(ADDRESS, ' ').toLowerCase()));
    const cued = near || (aboutAttacks && !obeyed);
    const listed = listEnd >= 0 && start - listEnd <= LIST_GAP && !OBEY_CUE.test(text.slice(listEnd, end + CUE_WINDOW));
    if (cued || listed) {
      const list = listed && listHead >= 0 ? listHead : mentions.length;
      if (!listed) listHead = near ? mentions.length : -1;
      mentions.push([start, end, 'quoted as an example', list]);
      listEnd = end;
    } else listEnd = -1;
  }
  for (const m of text.matchAll(EXAMPLE_ASIDE)) {
    const end = m.index + m[0].length;
    if (!OBEY_CUE.test(text.slice(m.index, end + CUE_WINDOW))) mentions.push([m.index, end, 'an example in parentheses', mentions.length]);
  }
  for (const m of text.matchAll(PROHIBITION)) mentions.push([m.index, m.index + m[0].length, 'inside a prohibition', mentions.length]);
  for (const m of text.matchAll(DESCRIBED)) {
    const end = m.index + m[0].length;
    // "Tell the model to …" opening a sentence is an order given through a third person.
    const imperative = BASE_VERB.test(m[0]) && CLAUSE_START.test(text.slice(Math.max(0, m.index - CUE_WINDOW), m.index));
    if (!imperative && !OBEY_CUE.test(text.slice(m.index, end + CUE_WINDOW))) mentions.push([m.index, end, 'an attack described, not addressed', mentions.length]);
  }
  if (mentions.length === 0) return;
  // The rule findings of each quotation, by its index; in third-party content, of all of them at
  // once: a policy, a talk abstract or a test fixture that lists attack phrases is one mention,
  // however long its list.
  const quoted = new Map<number, { finding: Finding; reason: string }[]>();
  for (const finding of findings) {
    if (finding.ruleId.startsWith('heuristic/')) continue;
    const i = mentions.findIndex(([start, end]) => finding.start >= start && finding.end <= end);
    if (i === -1) continue;
    const key = context === 'document' ? 0 : mentions[i]![3];
    const list = quoted.get(key);
    const entry = { finding, reason: mentions[i]![2] };
    if (list === undefined) quoted.set(key, [entry]);
    else list.push(entry);
  }
  for (const group of quoted.values()) {
    const best = group.reduce((a, b) => (b.finding.score > a.finding.score ? b : a)).finding;
    for (const { finding: f, reason } of group) {
      if (f === best) mentioned(f, f.score * MENTION_FACTOR, `${reason} (score halved)`);
      else mentioned(f, 0, `${reason} (counted once with it)`);
    }
  }
  // A document that quotes or describes attacks as examples names them too ("persona/role-play jailbreaks").
  if (context === 'document' && quoted.size > 0) {
    for (const f of findings) {
      if (f.ruleId !== ATTACK_NAME_RULE) continue;
      f.score = 0;
      f.evidence = 'the name of an attack, in a text that quotes attacks as examples';
    }
  }
}

/** Marks `f` as a mention (see `injectionScore`), with its discounted score and the reason. */
function mentioned(f: Finding, score: number, evidence: string): void {
  f.score = score;
  f.evidence = evidence;
  f.mention = true;
}

/** How many lines of `text` open a turn with one of `labels`, up to {@link LOG_TURNS}. */
function turns(text: string, labels: RegExp): number {
  let n = 0;
  for (const _ of text.matchAll(labels)) if (++n >= LOG_TURNS) break;
  return n;
}
