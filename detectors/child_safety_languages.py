"""Child-safety evidence in the other languages UK school communities write, for :mod:`detectors.child_safety`.

Written for this project from knowledge of each language (native speakers should review them), on the abuse
detector's normalised text: lower case, most accents folded ("chcę umrzeć" reads "chce umrzec"; Polish "ł" is
kept, so both spellings are listed). Each is a bounded alternation of phrases, joined to the English pattern of
the same evidence, so the signals keep needing two pieces of evidence (a disclosure excepted) and families who
switch languages mid-comment ("so pretty, pisz na priv") are read whole.

Languages: Polish, Romanian, Welsh, romanised Urdu/Punjabi, Spanish, Portuguese, Lithuanian, Somali, Arabic; for the
invitation to private messages and the request for secrecy also Sorani and Kurmanji Kurdish and Tigrinya.
"""

from __future__ import annotations

# An invitation to private messages, or a request for a number or a private channel.
PRIVATE = "|".join((
    r"pisz (?:na )?priv|napisz (?:do mnie|na priv)|daj (?:mi )?(?:numer|snapa?|insta)|jaki masz (?:numer|snap)",
    r"scrie-?mi(?: (?:in|pe) privat)?|(?:in|pe) privat|da-?mi (?:numarul|snap|insta)",
    r"anfon neges (?:ata i|ataf i)|neges breifat|tecstia fi|beth (?:yw|ydy) dy rif",
    r"inbox (?:karo|kro)|(?:msg|message|dm) (?:karo|kro)|(?:apna |apna number |number )(?:do|dedo|bhejo)|"
    r"snap (?:do|dedo)",
    r"escribeme(?: (?:al|por) privado)?|mandame (?:un )?(?:dm|md|privado|mensaje|fotos?)|por privado|"
    r"pasame tu (?:numero|snap|insta)",
    r"chama (?:no|na) (?:privado|pv|dm|direct)|me (?:chama|manda) (?:no |uma )?(?:privado|pv|dm|mensagem|fotos?)|"
    r"passa (?:o teu |teu |o seu |seu )?(?:numero|snap|insta)",
    r"parasyk man|rasyk i privatu|duok (?:numeri|snap)",
    # Somali: "send me a message (in private)", "write to me", "send me your number"
    r"(?:fariin|farriin)(?: gaar ah| qarsoodi ah)? (?:ii )?soo dir|ii soo dir (?:fariin|farriin)|ii soo qor|"
    r"(?:lambarkaaga|nambarkaaga) (?:ii )?soo dir",
    # Arabic: "message me", "talk to me in private", "in private", "your number"
    r"راسليني|راسلني|(?:كلميني|كلمني) (?:خاص|على الخاص)|على الخاص|(?:ابعتي|ابعث|ارسلي) (?:لي|لى) رقمك|"
    r"(?:اعطيني|عطيني) رقمك",
    # Sorani and Kurmanji Kurdish: "send me a message", "write to me"; Tigrinya: "write to me (secretly)"
    r"نامەم بۆ بنێرە|نامە(?:م)? بۆم بنێرە|بۆم بنووسە|ji min re binivîse|ji min re peyam bişîne|ጽሓፍለይ|ደውልለይ",
))

# Asking a child to keep the contact from their parents or anyone: "don't tell your mum", "our little secret".
SECRECY = "|".join((
    r"nie mow (?:mamie|tacie|rodzicom|nikomu)|nikomu nie mow|to (?:nasz|nasza) (?:sekret|tajemnica)",
    r"nu (?:le )?spune (?:mamei|tatalui|parintilor|nimanui)|(?:e|este) secretul nostru",
    r"paid (?:a )?dweud wrth (?:dy fam|dy dad|neb)",
    r"(?:ammi|abbu|ghar|kisi) (?:ko|mein|pe) (?:mat|na) (?:batana|batao|bolna)",
    r"no (?:le )?(?:digas|cuentes) (?:nada )?a (?:tu )?(?:mama|madre|papa|padre|nadie)|es nuestro secreto|"
    r"nadie (?:tiene|necesita) (?:que|por que) saber(?:lo)?",
    r"nao (?:contes|digas|conta|fala) (?:nada )?(?:a|pra|para) (?:tua |sua |a tua |a sua )?(?:mae|pai|ninguem)|"
    r"e o nosso segredo|ninguem (?:precisa|tem) (?:de )?saber",
    r"nesakyk (?:mamai|tevui|niekam)|niekam nesakyk",
    r"(?:hooyadaa|aabbahaa|aabahaa|cidna) ha u sheegin",
    r"(?:لا|ما) (?:تخبري|تخبر|تقولي|تقول) (?:ل)?(?:امك|أمك|ابوك|أبوك|احد|أحد)",
    r"بە دایکت مەڵێ|بە کەس مەڵێ|ji diya xwe re nebêje|ji kesî re nebêje|ንኣዴኺ ኣይትንገሪ|ንኣዴኻ ኣይትንገር|ንሓደ ኣይትንገሪ",
))

# A remark on a young person's looks or a question about their age, said to them or about them.
PICKED_OUT = "|".join((
    r"(?:jaka|ale|bardzo|taka) (?:ladna|ładna|sliczna|piekna|slodka|słodka)|(?:ladna|ładna|sliczna|piekna) jestes|"
    r"ile (?:masz|ma) lat|(?:jak )?(?:prawdziwa )?ksiezniczka|kochanie|skarbie",
    r"ce (?:frumoasa|draguta)|esti (?:foarte )?(?:frumoasa|draguta)|cati ani ai",
    r"ti'?n (?:ddel|bert|hardd)|mor (?:ddel|bert)|faint (?:yw|ydy) dy oed",
    r"(?:kitni|kitne|bohat|bahut|bht) (?:khubsurat|khoobsurat|pyari|sohni) (?:ho|hai|lagti)|kitne saal (?:ki|ke) ho|"
    r"umar kya hai",
    r"que (?:guapa|linda|bonita|hermosa)|eres (?:muy )?(?:guapa|linda|bonita|hermosa)|cuantos anos tienes",
    r"que (?:linda|gata|gatinha|gostosa)|minha (?:linda|princesa|gatinha)|"
    r"(?:es|voce e|vc e) (?:muito |mt )?(?:linda|gata|gostosa)|"
    r"quantos anos (?:tens|voce tem)",
    r"kokia (?:grazi|grazuole)|tu (?:labai )?grazi|kiek tau metu",
    # Somali: "(you are) very beautiful", "how old are you"
    r"(?:aad baad|aad ayaad) u qurux badan tahay|qurux badan|immisa jir (?:baad|ayaad) tahay",
    # Arabic: "you pretty one", "you are beautiful", "how old are you"
    r"يا (?:حلوة|جميلة|قمر)|(?:انتي|أنتي) (?:حلوة|جميلة|قمر)|كم عمرك",
))

# A first-person disclosure of suicidal intent, self-harm, being hit by a carer, or fear of going home.
_CARER_PL = r"(?:tata|tato|ojciec|mama|matka|ojczym|macocha|wujek|brat)"
_CARER_RO = r"(?:tata|tatal meu|mama|mama mea|tatal vitreg|mama vitrega|unchiul meu)"
_CARER_UR = r"(?:abbu|abu|abba|ammi|ami|amma|chacha|mamu|bhai|sotela baap)"
_CARER_ES = r"(?:mi (?:padre|madre|padrastro|madrastra|papa|mama|tio|hermano))"
_CARER_PT = r"(?:(?:o )?meu (?:pai|padrasto|tio|irmao)|(?:a )?minha (?:mae|madrasta))"
DISCLOSURE = "|".join((
    r"chce (?:umrzec(?! ze smiechu)|sie zabic|ze soba skonczyc)|tne sie|"
    rf"{_CARER_PL} mnie (?:bije|leje|krzywdzi|dotyka)|boje sie (?:wracac|isc|wrocic) do domu",
    rf"vreau sa (?:mor|ma sinucid|ma omor)|ma tai singur|{_CARER_RO} ma (?:bate|loveste|atinge)|"
    r"mi-?e (?:frica|teama) sa (?:merg|ma duc) acasa",
    r"(?:dw i|dwi|rydw i) (?:eisiau|isio|isie) (?:marw|lladd fy hun)|"
    r"mae (?:dad|mam|fy nhad|fy mam|llystad|llysfam) yn fy (?:nharo|mrifo|nghuro)|(?:dw i|dwi) ofn mynd adr[ea]",
    r"(?:main|mai|me) (?:marna|mar jana) (?:chahta|chahti) (?:hoon|hun|hu)|mujhe mar jana hai|"
    rf"khudkushi karna (?:chahta|chahti)|{_CARER_UR} mujhe (?:marte|maarte|marta|marti|peet(?:te|ta|ti)) (?:hain|hai)|"
    r"ghar (?:jane|jaane) se (?:darr|dar) lagta",
    rf"quiero (?:morir(?:me)?(?! de risa)|suicidarme)|me quiero matar|{_CARER_ES} me (?:pega|golpea|toca)|"
    r"tengo miedo de (?:ir|volver) a casa",
    rf"quero (?:morrer(?! de rir)|me matar)|{_CARER_PT} me (?:bate|espanca|toca)|"
    r"tenho medo de (?:ir|voltar) (?:para|pra) casa",
    r"noriu (?:mirti|nusizudyti)|(?:tetis|tevas|mama|patevis) mane (?:musa|skriaudzia)|bijau eiti namo",
    # Somali: "my father/mother/uncle beats me", "(I want) to kill myself"
    r"(?:aabbahay|aabahay|hooyaday|adeerkay|abtigay) (?:ayaa |wuu |way )?i garaac(?:aa|a|ay)|inaan is dilo",
    # Arabic: "my father/mother/stepfather beats me", "I want to die", "I want to kill myself"
    r"(?:ابي|أبي|ابوي|امي|أمي|زوج امي|زوج أمي) (?:يضربني|تضربني)|(?:اريد|أريد|بدي|ابغى) (?:ان |أن )?(?:اموت|أموت)|"
    r"(?:اريد|أريد|بدي) (?:ان |أن )?(?:اقتل|أقتل) (?:نفسي|حالي)",
))
