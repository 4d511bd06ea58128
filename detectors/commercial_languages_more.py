"""More cues of :mod:`detectors.commercial_languages`: trades, transfers, loans, giveaways, jobs, appeals, lessons.

A trader's own work, parcels and money sent home, loans and guaranteed returns, share-to-win giveaways, recruitment,
votes and donations for oneself, "subscribe to my channel" and paid lessons, in Polish, Romanian, Portuguese, Spanish,
Lithuanian, Bulgarian, Turkish, Arabic, Somali, Urdu (both scripts), Punjabi and Bengali (romanised) and Welsh, read
as there: lower-cased, Latin accents folded one for one ("pozyczka"). Each cue is the ordinary way the language says
it. Words that are as often innocent are paired: "I do" counts with a trade ("faço limpezas", not "faço bolos"), a
cheap price beside a trader's verb, a money transfer beside a rate or a fee, a donation beside an operation or "my
son", lessons beside "to register, message me". The scam-warning and "looking for a cleaner" vetoes are applied by
:func:`detectors.commercial_languages.community_hits`.
"""

from __future__ import annotations

from detectors.text_rule_cues import Rule

_AR_LETTERS = str.maketrans({"ا": "[اأإآ]", "أ": "[اأإآ]", "إ": "[اأإآ]", "ي": "[يى]", "ى": "[يى]", "ة": "[ةه]"})


def arabic(pattern: str) -> str:
    """An Arabic pattern that accepts each alef with or without hamza, final yeh as alef maqsura, ta marbuta as heh."""
    return pattern.translate(_AR_LETTERS)


def near(a: str, b: str, gap: int = 80) -> str:
    """``a`` and ``b`` within ``gap`` characters, in either order (an advert's line or the next one)."""
    return rf"(?:{a})[\s\S]{{0,{gap}}}?(?:{b})|(?:{b})[\s\S]{{0,{gap}}}?(?:{a})"


def any_of(*parts: str) -> str:
    """The alternation of ``parts`` (one language or one family of wordings each)."""
    return "|".join(parts)


_CHEAP = any_of(r"\b(?:przystepn|niski|konkurencyjn)\w*\s+cen\w*|\bpret(?:uri)?\s+(?:accesibil|avantajos|mic)\w*|"
              r"\bprecos?\s+(?:acessive|em\s+conta|baixo|justo)\w*|\bprecios?\s+(?:economic|asequible|bajo)\w*|"
              r"\bprieinam\w*\s+kain\w*|\buygun\s+fiyat\w*|\bqiimo\s+(?:jaban|raqiis|macquul)|\bmunasib\s+(?:qeemat|"
              r"rate)|\bprisiau\s+rhesymol",
              r"(?:достъпн|ниск|изгодн)\w*\s+цен\w*|"
              + arabic(r"(?:اسعار|بسعر)\s+(?:مناسب|رمزي|منافس)\S*|مناسب\s+قیمت"))
_PRO = (r"\b(?:wykonuj(?:e|emy)|oferuj(?:e|emy)|swiadcz(?:e|ymy)|ofer(?:im)?|prestez|efectuam|ofereco|oferecemos|"
        r"ofrezco|ofrecemos|siulau|siulome|yapilir|yapiyoruz|hizmet\s+veriyor\w*|waxaan\s+bixinaa|karte\s+hain|"
        r"rwy'?n\s+cynnig)\b|"
        r"предлагам|предлагаме|" + arabic(r"نقدم|نوفر|اقدم"))
MORE_CUES: tuple[Rule, ...] = (
    Rule("service", 0.7, "a trader's own work, in a community language", any_of(
        r"\b(?:robie|robimy|wykonuje|wykonujemy)\s+(?:(?!sobie\b)\w+\s+)?(?:manicure|pedicure|hybryd\w*|rzesy|henn[ea]|"
        r"przedluzanie\s+\w+|przeprowadzki|remonty)\b|\bsprzatam(?:y)?\s+(?:domy|mieszkania|biura)\b|\b(?:robie|pieke|"
        r"szyje|robimy|wykonuje|przyjmuje)\s+(?:\S+\s+){0,4}?na\s+zamowienie\b",  # pl
        r"(?<!imi\s)\b(?:fac|facem)\s+(?:extensii|unghii|gene|sprancene|manichiura|pedichiura|henna|mutari|"
        r"curatenie\s+(?:la\s+domiciliu|in\s+case|la\s+birouri))\b|\b(?:fac|facem|gatesc|coc)\s+(?:\S+\s+){0,4}?(?:la|"
        r"pe)\s+comanda\b|\b(?:facem|efectuam|asiguram)\s+(?:transport|mutari|relocari)\b",  # ro
        r"\b(?:faco|fazemos)\s+(?:limpezas|unhas|pestanas|extensoes|sobrancelhas|henna|trancas|mudancas|depilacao)\b|\b"
        r"(?:faco|fazemos|aceito)\s+(?:\S+\s+){0,4}?(?:por|sob)\s+encomenda\b",  # pt
        r"\b(?:hago|hacemos)\s+(?:limpiezas|manicura|pedicura|pestanas|extensiones|cejas|henna|trenzas|mudanzas|"
        r"portes)\b|\b(?:hago|hacemos|preparo)\s+(?:\S+\s+){0,4}?(?:por|bajo)\s+(?:encargo|pedido)\b",  # es
        r"\b(?:darau|atlieku|darome)\s+(?:(?!sau\b)\w+\s+)?(?:nagus|manikiur\w*|blakstien\w*|antakius|perkraustym\w*)|"
        r"\bvalome\s+(?:namus|butus|biurus)\b|\b(?:gaminu|kepu|gaminame|"
        r"kepame)\s+(?:\S+\s+){0,4}?(?:pagal\s+uzsakym\w*|uzsakymui)",
        r"\b(?:kirpik|ipek\s+kirpik|protez\s+tirnak|kalici\s+oje|kina|manikur|nakliye|nakliyat|ev\s+temizligi|boya\s+"
        r"badana)\s+(?:isi\s+)?(?:yapilir|yapiyoruz|yapmaktayiz)\b|\bevden\s+eve\s+nakliyat|\btemizlige\s+"
        r"(?:gelirim|gidiyorum)\b|\bsiparis\s+(?:alinir|aliyorum|aliyoruz|uzerine)\b|\bsiparise\s+ozel\b",  # tr
        r"\bwaxaan\s+(?:sameeyaa|sameeya|samaynaa)\s+(?:\w+\s+)?(?:cillaan|cilaan|xinne|xinna|henna|nadaafad|tidcid)\b",
        r"(?<!ko\s)\b(?:mehndi|mehendi|henna|threading|facial|silai)\s+(?:\w+\s+){0,2}?(?:lagati|karti|lagate|karte|"
        r"lagandi|kardi|laundi)\s+(?:hoon|hun|hu|hain|haan|han|aan)\b|\border\s+(?:pe|par|te)\s+(?:\w+\s+)?(?:banati|"
        r"banate|bandi|tayyar)",
        r"\b(?:dw\s*i'?n|dwi'?n|rwy'?n|ni'?n)\s+(?:gwneud|cynnig)\s+(?:ewinedd|amrannau|aeliau|henna|"
        r"gwasanaeth\s+glanhau)\b|\b(?:gwneud|pobi)\s+(?:\S+\s+){0,4}?(?:i|ar)\s+archeb\b|\bderbyn\s+archebion\b",  # cy
        r"\b(?:ami|amra)\s+(?:\w+\s+)?(?:mehendi|mehedi|henna)\s+(?:kori|korai|lagai|dei)\b",  # bn
        r"(?:правя|правим)\s+(?:маникюр|педикюр|мигли|вежди|къна|ноктопластика|гел\s+лак)|(?:почиствам|почистваме)\s+"
        r"(?:домове|офиси|апартаменти)|хамалски\s+услуги|(?:правя|правим|изработвам|приготвям)\s+(?:\S+\s+){0,4}?по\s+"
        r"поръчка|(?:مہندی|تھریڈنگ|فیشل)\s+(?:\S+\s+)?(?:لگاتی|کرتی)\s+ہوں|آرڈر\s+(?:پر|پہ)\s+(?:\S+\s+)?(?:بنا|تیار)",
        arabic(r"(?:اصنع|نصنع|اعمل|نعمل|اجهز|نجهز|احضر|نحضر)\s+(?:\S+\s+){0,4}?حسب\s+الطلب|نستقبل\s+(?:ال)?طلبات|"
            r"(?:نقوم\s+ب|نوفر\s+|نقدم\s+)(?:خدم\S+\s+)?(?:نقل\s+(?:ال)?(?:عفش|اثاث)|تنظيف\s+(?:ال)?(?:منازل|بيوت))|"
            r"(?:ارسم|نرسم)\s+(?:ال)?(?:حناء|حنة)"),
        near(_PRO, _CHEAP, 60)),
         "A trader offering their own work: 'I do nails / cleaning / removals', 'made to order', 'we take orders', "
         "or a trader's verb beside a cheap price, in a community language (not 'I'm making cakes for the party')."),
    Rule("service", 0.7, "parcels and money sent home, in a community language", any_of(
        r"\bbusy?\s+(?:do|z)\s+polski\b|\bprzewoz\s+(?:osob|paczek)\b|\bpaczki\s+(?:do|z)\s+polski\b|"
        r"\btrimitem\s+(?:pachete|colete|bani)\b|\btransport\s+(?:de\s+)?(?:colete|pachete|persoane)\b|"
        r"\bcolete\s+(?:in|din|spre)\s+romania\b|\benvi(?:amos|o\s+de)\s+(?:encomendas|dinheiro|paquetes|dinero)\b|"
        r"\benvios?\s+de\s+dinero\b|\bremesas\b|\bsiuntini(?:ai|us)\s+(?:\w+\s+)?(?:i|is)\s+lietuv\w+|"
        r"\bkeleiviu\s+pervezim\w*|\bvezame\s+(?:siuntinius|keleivius)\b|\bturkiye['’]?ye\s+(?:kargo|paket|"
        r"para\s+gonder\w*)",
        r"превоз\s+на\s+(?:пратки|колети|пътници|багаж)|пратки\s+(?:за|до|от)\s+българия|(?:превозваме|изпращаме)\s+"
        r"(?:пратки|колети|пътници|пари)|" + arabic(r"تحويل\s+(?:ال)?اموال|(?:نحول|نرسل)\s+(?:ال)?(?:اموال|فلوس)|"
                                           r"شحن\s+(?:ال)?طرود|(?:نشحن|نرسل)\s+(?:ال)?طرود"),
        near(r"\bxawaal\w*|\bhawala\b|\bhundi\b|\b(?:paise|pese|paisay|raqam|taka)\s+(?:\w+\s+){0,2}?(?:bhej\w*|"
              r"path\w*)|"
              r"\bprzekazy\s+pieniezne\b|\bpara\s+gonder\w*|حوالہ|ہنڈی|" + arabic(r"تحويل|حوالات"),
              r"\b(?:best|acha|achha|behtar\w*|bhalo)\s+rate\b|\brate\s+(?:acha|behtar|sab\s+se)|\bno\s+fee\b|"
              r"\bbina\s+fee\b|\bsame[\s-]day\b|\bcash\s+pickup\b|\bbez\s+prowizji\b|\bqiimo\s+jaban\b|"
              r"\blacag\s+la['’]?aan\b|\bisla\s+"
              r"maalintaas\b|\bdhakhso\b|\bkomisyonsuz\b|\ben\s+iyi\s+kur\b|"
              + arabic(r"بدون\s+عمول\S*|افضل\s+سعر"), 60)),
         "Sending parcels, passengers or money home as a business: 'parcels to Bulgaria', 'bus to Poland', hawala, a "
         "transfer beside 'best rate', 'no fee' or 'same day', in a community language."),
    Rule("investment", 0.75, "loans, in a community language", any_of(
        r"\bszybk\w+\s+pozyczk\w*|\bpozyczk\w*\s+(?:bez\s+(?:bik|zaswiadczen|dokumentow)|od\s+reki|na\s+dowod)|"
        r"\budziel(?:am|amy)\s+pozyczek\b|\bcredit(?:e)?\s+rapid\w*|\bcredite?\s+(?:fara\s+acte|nebancar\w*)|"
        r"\bimprumut\w*\s+(?:rapid\w*|fara\s+acte|urgent\w*)|\bcredito\s+(?:rapido|facil|na\s+hora)\b|"
        r"\bemprestimos?\s+(?:rapidos?|sem\s+fiador|na\s+hora|sem\s+burocracia)|\bprestamos?\s+(?:rapidos?|sin\s+aval|"
        r"sin\s+papeles|al\s+instante|urgentes?)|\bgreit\w*\s+paskol\w*|\bpaskol\w*\s+be\s+(?:dokumentu|uzstato|"
        r"pazymu)|\b(?:hizli|evraksiz|aninda)\s+kredi\b|\bkredi\s+(?:veriyoruz|verilir)\b|\bborc\s+para\s+(?:veriyorum|"
        r"verilir)\b|\bamaah\w*\s+(?:degdeg|dhakhso)\w*|\b(?:fori|foran|asaan|aasan|fast)\s+(?:qarza|qarz|karza|"
        r"loan)\b|\b(?:qarza|loan)\s+(?:bina\s+(?:documents|guarantee)|foran\s+(?:milega|milta))|"
        r"\bbenthyciad\w*\s+cyflym|\bdruto\s+(?:loan|rin)\b",
        r"бърз(?:и|а)?\s+(?:кредит|заем)|(?:кредит|заем)\w*\s+без\s+(?:документи|поръчител)|(?:отпускам|отпускаме)\s+"
        r"(?:заеми|кредити)|فوری\s+قرض|آسان\s+قرض|" + arabic(
            r"(?:قرض|قروض)\S*\s+(?:سريع|فوري|بدون|ميسر)\S*|(?:نقدم|نوفر|نمنح)\s+(?:ال)?قروض|تمويل\s+(?:فوري|سريع)")),
         "Loans and credit offered: 'fast loan', 'no documents', 'we grant loans', in a community language."),
    Rule("investment", 0.75, "guaranteed returns, in a community language", any_of(
        r"\bgwarantowan\w*\s+(?:zysk|zwrot|dochod)\w*|\b(?:zysk|zwrot)\w*\s+gwarantowan\w*|"
        r"\binwestuj(?:cie)?\s+(?:ze\s+mna|z\s+nami)|\b(?:profit|castig|randament)\w*\s+(?:zilnic\s+)?garantat\w*|"
        r"\binvesteste\s+cu\s+(?:mine|noi)|\b(?:lucro|retorno|rendimento)s?\s+(?:diarios?\s+)?garantid\w*|"
        r"\binvista\s+(?:comigo|connosco|conosco)|\b(?:ganancia|beneficio|"
        r"rentabilidad)s?\s+(?:diarias?\s+)?garantizad\w*|\binvierte\s+(?:conmigo|con\s+nosotros)|"
        r"\bgarantuot\w*\s+(?:peln|graz|pajam)\w*|\bpelnas\s+kasdien|\bgarantili\s+(?:kazanc|kar|getiri|gelir)\b|"
        r"\bgunluk\s+(?:kazanc|getiri)\b|\b(?:faa['’]?iido|macaash)\s+(?:maalin\w*\s+)?la\s+hubo|\b(?:guaranteed|"
        r"yaqeeni|pakk[ae]|rozana)\s+(?:munafa|munafah|labh)\b|\bnishchit\s+labh|\belw\s+(?:wedi['’]?i\s+)?warantu",
        r"гарантиран\w*\s+(?:печалб|доходност|доход)\w*|печалб\w+\s+всеки\s+ден|инвестирай(?:те)?\s+с\s+нас|"
        r"(?:یقینی|روزانہ)\s+منافع|" + arabic(
            r"(?:ارباح|ربح|عائد)\S*\s+(?:يومي\S*\s+|اسبوعي\S*\s+)?مضمون\S*|استثمر(?:ي|وا)?\s+معنا|ارباح\s+يومي\S*")),
         "Investment with guaranteed or daily profits ('invest with us'), in a community language."),
    Rule("spam", 0.75, "share-to-win giveaway, in a community language", any_of(
        r"\b(?:napisz|napiszcie|wpisz|skomentuj|scrie|scrieti|comenteaza|comenta|comente|escreve|comenten|escribe|"
        r"parasyk|parasykite|komentuok|rho\s+sylw|rhowch\s+sylw|likhein|likhen|likho|"
        r"likhun)(?:\s+\S{1,20}){0,2}?\s+(?:i|oraz|si|e|y|ir|a|ac|aur|or|te|ar)\s+(?:udostepnij\w*|distribuie|"
        r"distribuiti|da\s+share|partilh\w+|compartilh\w+|compart\w+|pasidalink\w*|dalinkis|rhanna|rhannwch|"
        r"share\s+kar\w*|share\s+korun)\b|\byorum\s+(?:yap|yaz)\w*(?:\s+\S{1,20})?\s*(?:ve|,)\s*paylas\w*|\bqor(?:a|"
        r"o)?(?:\s+\S{1,20}){0,2}?\s+oo\s+(?:share\s+garee|la\s+wadaag)\b",
        r"\b(?:oznacz(?:cie)?|eticheteaza|marca|marque|identifica|etiqueta|pazymek(?:ite)?|tagia|"
        r"tagiwch)\s+(?:a\s+)?(?:\d|dwie|dwoch|trzy|doi|doua|trei|dois|duas|tres|dos|du|tris|dau|ddau|tri)\s+(?:osob|"
        r"znajom|prieten|amig|draug|ffrind)\w*|\b(?:\d|iki|uc)\s+arkadas\w*\s+etiketle\w*|\b(?:\d|do|teen)\s+dost(?:on|"
        r"an)\s+(?:ko|nu)\s+tag\s+kar\w*|\b(?:\d|laba)\s+saaxiib\w*\s+tag\s+garee|\b(?:segue|siga|sigue|sek(?:ite)?|"
        r"dilynwch|urmareste|obserwuj(?:cie)?)\s+(?:\S+\s+){0,2}?(?:i|si|e|y|ir|a|ac)\s+(?:udostepnij|distribuie|"
        r"partilha|compartilha|comparte|pasidalink|pazymek|rhannwch)\w*|\b(?:begen|takip\s+et)\w*\s*(?:ve|"
        r",)\s*(?:paylas|etiketle)\w*",
        r"(?:напиши|напишете|коментирай(?:те)?)(?:\s+\S{1,20}){0,2}?\s+и\s+сподел\w*|(?:маркирай|маркирайте)\s+(?:\d|"
        r"двама|трима)\s+приятел\w*|(?:харесай|последвай)(?:те)?\s+(?:\S+\s+)?и\s+сподел\w*|" + arabic(
            r"اكتب(?:ي|وا)?(?:\s+\S{1,15}){1,2}?\s+و\s*(?:شارك|انشر)\S*|(?:منشن|تاق|تاغ)\s+(?:ل\s*)?(?:\d|اثنين|ثلاث)|"
            r"تابع(?:وا|ي)?\s+(?:ال)?صفح\S*\s+و\s*(?:شارك|انشر)\S*")),
         "The engagement bait of a fake giveaway: 'write DONE and share', 'tag two friends', 'follow the page and "
         "share', in a community language."),
    Rule("recruitment", 0.7, "recruitment and earning from home, in a community language", any_of(
        r"\bdolacz(?:cie)?\s+do\s+(?:mojego|naszego|mojej|naszej)\s+(?:zespolu|teamu|ekipy)|"
        r"\bzarabiaj(?:cie)?\s+(?:\w+\s+)?(?:z\s+domu|w\s+domu|przez\s+telefon|dodatkowo)|"
        r"\bszukamy\s+(?:\w+\s+)?(?:pracownikow|osob\s+do\s+pracy)|\bpraca\s+od\s+zaraz|\btygodniow\w+\s+wyplat\w*|"
        r"\balatura-te\s+echipei|\bcastig(?:a|ati|i)\s+(?:\w+\s+){0,2}?de\s+acasa|"
        r"\bszukam\s+(?:osob|ludzi|chetnych|dziewczyn|mam)\s+do\s+(?:mojego|naszego|mojej|naszej)\s+(?:zespolu|teamu|ekipy)|"
        r"\bdodatkowy\s+dochod\b|\bcautam\s+(?:angajati|muncitori|"
        r"personal|soferi)\b|\bplata\s+saptamanal\w*|\bjunt(?:a|e)-(?:te|se)\s+a\s+(?:minha|nossa)\s+equip\w*|"
        r"\bganhar?\s+(?:um\s+)?(?:extra|dinheiro)\s+(?:\w+\s+){0,2}?(?:a\s+partir\s+de|em|de)\s+casa|"
        r"\bprocuramos\s+(?:trabalhadores|colaboradores|funcionarios)|\bpagamento\s+semanal|\bunete\s+a\s+mi\s+equipo|"
        r"\bgana(?:r)?\s+(?:dinero|un\s+extra)\s+desde\s+casa|\bbuscamos\s+(?:trabajadores|empleados)|\bpago\s+semanal|"
        r"\bprisijunk(?:ite)?\s+prie\s+(?:mano|musu)\s+komand\w*|\buzdirbk(?:ite)?\s+(?:\w+\s+)?(?:is\s+namu|"
        r"papildomai)|\breikalingi\s+darbuotoj\w*|\bekib(?:ime|imize)\s+katil\w*|"
        r"\bevden\s+(?:calisarak\s+)?(?:para\s+)?kazan\w*|\bevden\s+calis\w*\s+(?:\w+\s+){0,2}?(?:firsat|ister|"
        r"isteyen)\w*|\b(?:eleman|personel)\s+(?:araniyor|ariyoruz|alinacak)|\bhaftalik\s+odeme|"
        r"\bku\s+soo\s+biir\s+kooxd(?:ayda|eena)|\blacag\s+(?:\w+\s+)?ka\s+samee\s+guriga|"
        r"\bshaqaale\s+(?:ayaa\s+)?loo\s+baahan\s+yahay|\b(?:meri|hamari)\s+team\s+(?:join|mein\s+shamil)\s+kar\w*|"
        r"\bghar\s+(?:baithe|bethe|baith\s+kar)\s+(?:\w+\s+){0,2}?(?:kama\w*|paise|earning|kamai)|"
        r"\bmeri\s+team\s+join\s+karo|\bymunwch\s+a\s+(?:fy\s+nhim|ein\s+tim)|\bennill\s+(?:arian|"
        r"incwm)\s+(?:\w+\s+)?o\s+(?:adref|gartref)|\bghore\s+bo(?:she|se)\s+(?:\w+\s+)?(?:income|ay|taka)\b",
        r"присъедин\w+\s+се\s+към\s+(?:моя|нашия)\s+екип|(?:печели|печелете|изкарай)\s+(?:\S+\s+){0,2}?от\s+вкъщи|"
        r"търсим\s+(?:служители|персонал|шофьори)|седмично\s+заплащане|گھر\s+بیٹھے\s+(?:\S+\s+){0,2}?(?:کمائیں|کمائی|"
        r"پیسے|آمدنی)|(?:میری|ہماری)\s+ٹیم\s+(?:جوائن|میں\s+شامل)|" + arabic(
            r"انضم(?:ي|وا)?\s+(?:الى|ل)\s*فريق(?:ي|نا)|(?:اربح|اربحي|اكسب)\s+(?:\S+\s+){0,2}?من\s+(?:المنزل|البيت)|"
            r"فرص\S*\s+عمل\s+من\s+(?:المنزل|البيت)|نبحث\s+عن\s+(?:موظف|عمال)\S*|مطلوب\s+(?:موظف|عمال)\S*|"
            r"راتب\s+اسبوعي")),
         "Recruitment and MLM: 'join my team', 'earn from home', 'we are looking for workers, weekly pay', in a "
         "community language (not 'I work from home')."),
    Rule("campaign", 0.75, "votes and donations for oneself, in a community language", any_of(
        r"\bpleidleisiwch\s+(?:drosta\s+i|drosom\s+ni|i\s+mi)\b|\blinc\s+ar\s+fy\s+mhroffil\b|"
        r"\b(?:za)?glosuj(?:cie)?\s+na\s+mnie\b|\bvota(?:ti)?-ma\b|\bvoteaza-ma\b|\bvotati\s+pentru\s+mine\b|\bvot(?:e|"
        r"em)\s+em\s+mim\b|\bvot(?:a|ad|en)\s+por\s+mi\b|\bbalsuok(?:ite)?\s+uz\s+mane\b|\bbana\s+oy\s+ver(?:in|"
        r"iniz)?\b|\boyunuzu\s+bana\b|\bii\s+codee(?:ya)?\b|\bmujhe\s+(?:apna\s+)?vote\s+(?:dein|den|do)\b|\b(?:mainu|"
        r"menu|mennu)\s+(?:\w+\s+)?vote\s+(?:pao|paao|deo|zaroor)\b|\bpleidleisiwch\s+(?:i|drosta)\s*(?:i\s+)?fi\b|"
        r"\bamake\s+(?:vote|bhot)\s+din\b|\b(?:zrzutka|siepomaga|pomagam)\.pl\b|"
        # Portuguese "vaquinha" (an online whip-round for oneself)
        r"\b(?:criei|fiz|abri|minha|nossa)\s+(?:uma\s+)?vaquinha\b",
        r"гласувай(?:те)?\s+за\s+мен|збира\w*\s+кошти\s+на\s+(?:лікуванн|операці|реабілітаці)\w*|"
        r"مجھے\s+(?:اپنا\s+)?ووٹ|" + arabic(r"صوتوا\s+لي|انتخبوني|انتخبني"),
        near(r"\bwesprzyj\w*\s+(?:\S+\s+)?(?:zbiork|zrzutk)\w*|\bzbiork\w*\s+na\b|\bdonati\b|\bdoneaza\b|\bdoem\b|"
              r"\bdoacao|\bdonen\b|\bdonacion\w*|\bpaaukok\w*|\baukok\w*|\bbagis\w*|\bnaga\s+caawiya\s+lacag|"
              r"\blacag\s+(?:\w+\s+)?(?:nagu|igu)\s+caawi\w*|\bdeeq\w*|\bdonate\s+kar\w*|\bcyfrannwch\b|"
              r"\bdonate\s+korun\b|дарете|"
              r"дарение|عطیہ|" + arabic(r"تبرع\S*"),
              r"\b(?:leczeni|operacj|rehabilitacj|operati|tratament|cirurgi|operacao|tratamento|operacion|cirugia|"
              r"tratamiento|operacij|gydym|ameliyat|tedavi|qalliin|daawayn|ilaj|ilaaj|operation|llawdriniaeth|"
              r"triniaeth|chikitsa)\w*|\b(?:moj\w*\s+(?:syn|cor)\w*|fiul\s+meu|fiica\s+mea|meu\s+filho|minha\s+filha|"
              r"mi\s+hij[oa]|mano\s+(?:sun|dukr)\w*|oglum\w*|kizim\w*|wiilkayg\w*|gabadhayd\w*|(?:mera|mere)\s+bet[ae]|"
              r"meri\s+beti|fy\s+(?:mab|merch)|amar\s+(?:chele|meye))\b|операци|лечение|(?:сина|дъщеря)\s+ми|علاج|"
              r"آپریشن|میر[اے]\s+بیٹ|" + arabic(
                  r"ابني|ابنتي|عملي\S*\s+جراحي"))),
         "A personal campaign or fundraiser: 'vote for me', or a donation asked beside an operation or 'my son', in a "
         "community language (an election in the news or the PTA's collection is neither)."),
    Rule("promotion", 0.7, "subscribe to my channel, in a community language", any_of(
        r"\b(?:dilynwch|hoffwch)\s+(?:fy|ein)\s+(?:nhudalen|tudalen|cyfrif|sianel)\b|"
        r"\b(?:za)?subskrybuj(?:cie)?\s+(?:\w+\s+)?kanal\w*|\b(?:wbijajcie|zapraszam)\s+na\s+(?:moj|nasz)\s+kanal\b|"
        r"\bzostaw(?:cie)?\s+suba\b|\babonati-va\s+(?:\w+\s+)?(?:la\s+)?canal\w*|\baboneaza-te\s+(?:la\s+)?canal\w*|"
        r"\b(?:subscrevam|inscrevam-se|inscreva-se|se\s+inscrevam?)\s+(?:no|ao|o)\s+(?:meu\s+|nosso\s+)?canal\b|"
        r"\bsuscrib(?:ete|anse|ios)\s+a\s+(?:mi|nuestro)\s+canal\b|\b(?:uz)?prenumeruok(?:ite)?\s+(?:mano\s+|"
        r"musu\s+)?kanal\w*|\bkanal(?:ima|imiza)\s+abone\s+ol\w*|\babone\s+olmayi\s+unutmayin\b|\b(?:subscribe|"
        r"is\s+diiwaangeli\w*)\s+(?:\w+\s+)?kanaal(?:kayga|keena)\b|\b(?:mera|mere|hamara|"
        r"sada)\s+(?:youtube\s+)?channel\s+(?:ko\s+)?subscribe\s+kar\w*|\bchannel\s+ko\s+subscribe\s+kar(?:ein|en|o)\b|"
        r"\btanysgrifiwch\s+(?:i['’]?r\s+|i\s+)?(?:fy\s+|ein\s+)?sianel\b|\b(?:amar|amader)\s+channel\s+(?:ti\s+|"
        r"ke\s+)?subscribe\s+kor\w*",
        r"(?:підписуйтесь|подписывайтесь|підпишіться|подпишитесь)\s+на\s+(?:мій|мой|наш)\s+\S*канал|"
        r"абонирай(?:те)?\s+се\s+(?:за|в|към)\s+(?:моя\s+|нашия\s+)?канал|абонирай(?:те)?\s+се\s+за\s+канала\s+(?:ми|"
        r"ни)|(?:میرا|میرے|ہمارا)\s+(?:یوٹیوب\s+)?چینل\s+(?:کو\s+)?سبسکرائب|" + arabic(
            r"اشترك(?:وا|ي)?\s+(?:في|ب)\s*قنات(?:ي|نا)|اشتركوا\s+(?:في|ب)\s*(?:ال)?قناة|(?:فعل|"
            r"فعلوا)\s+(?:زر\s+)?(?:ال)?جرس")),
         "Asking readers to subscribe to one's own channel, in a community language (not 'I subscribed to a "
         "channel')."),
    Rule("service", 0.7, "paid lessons, in a community language", any_of(
        r"\budzielam\s+korepetycji\b|\bkorepetycje\s+(?:z\s+\w+\s+)?(?:online|dla\s+(?:dzieci|uczniow)|"
        r"wszystkie\s+poziomy)|(?:^|\n)\W{0,8}korepetycje\b|\bpierwsza\s+lekcja\s+(?:jest\s+)?(?:gratis|za\s+darmo|"
        r"bezplatna|darmowa)\b|\bprima\s+(?:lectie|ora|sedinta)\s+(?:e\s+|este\s+)?(?:gratuita|gratis)\b|\b(?:ofer|"
        r"dau)\s+meditatii\b|\brezultate\s+garantate\b|\bsunt\s+instructor\s+auto\b|"
        r"\bprimeira\s+aula\s+(?:e\s+)?(?:gratis|gratuita)\b|\b(?:dou|damos)\s+(?:explicacoes|aulas\s+particulares)\b|"
        r"\bprimera\s+clase\s+(?:es\s+)?(?:gratis|gratuita)\b|\b(?:doy|damos)\s+clases\s+particulares\b|\bpirm(?:a|"
        r"oji)\s+pamoka\s+(?:yra\s+)?nemokam\w*|\b(?:vedu|teikiu)\s+(?:\w+\s+)?korepeticij\w*|"
        r"\bilk\s+ders\s+(?:ucretsiz|bedava|hediye)\b|\bozel\s+ders\s+(?:veriyorum|verilir|veriyoruz)\b|"
        r"\bgarantili\s+(?:sonuc|basari)\b|\bcasharka\s+koowaad\s+(?:waa\s+)?(?:bilaash|lacag\s+la['’]?aan)\b|"
        r"\bwaxaan\s+(?:bixiyaa|dhigaa)\s+cashar\w*|\b(?:pehli|prothom)\s+class\s+(?:free|muft|fri)\b|"
        r"\b(?:home\s+)?(?:tuition|quran)\s+(?:\w+\s+)?(?:(?:parhati|parhata|padhati|padhata)\s+(?:hoon|hun)|"
        r"dindi\s+(?:haan|han)|porai)\b|\bgwers\s+gyntaf\s+am\s+ddim\b|\b(?:rwy['’]?n|dw\s*i['’]?n|"
        r"dwi['’]?n)\s+(?:cynnig|rhoi)\s+gwersi\b",
        r"(?:първият|първи)\s+урок\s+(?:е\s+)?безплат\w*|(?:давам|предлагам)\s+(?:частни\s+)?уроци|гарантиран\w*\s+"
        r"(?:резултат|успех)|پہلی\s+کلاس\s+(?:مفت|فری)|ٹیوشن\s+(?:پڑھاتی|پڑھاتا)\s+ہوں|" + arabic(
            r"(?:الحصة|الدرس)\s+(?:ال)?اولى?\s+مجان\S*|(?:اعطي|نعطي|اقدم|نقدم)\s+(?:ال)?(?:دروس|حصص)|(?:نتائج|نجاح)\s+"
            r"مضمون\S*"),
        near(r"\b(?:lekcj|zajeci|korepetycj|lectii|cursuri|meditatii|aulas|explicacoes|clases|pamok|burel|ders|kurs|"
              r"cashar"
              r"|class|tuition|gwersi|dosbarth)\w*|уроци|занимания|کلاس|ٹیوشن|" + arabic(r"دروس|حصص|دورة"),
              r"\bzapisy\s+(?:na\s+)?(?:priv|pw)\b|\binscrieri\s+(?:in|pe)\s+privat\b|\binscricoes\s+(?:por\s+mensagem|"
              r"no\s+privado)|\binscripciones\s+por\s+(?:privado|mensaje)|\bregistracija\s+(?:zinute|asmeniskai|"
              r"privaciai)\b|\bkayit\s+icin\s+(?:dm|ozelden|mesaj)|"
              r"\bis\s+diiwaangeli\w*\s+(?:\w+\s+)?(?:la\s+soo\s+xiriir|fariin)|\badmission\s+ke\s+liye\s+(?:rabta|"
              r"inbox|message)|\bcofrestrwch\s+(?:drwy|trwy)\s+neges|\bbhorti\s+hote\s+inbox|записване\s+на\s+"
              r"лично|" + arabic(r"للتسجيل\s+(?:\S+\s+)?(?:راسل|تواصل|على\s+الخاص|واتس)\S*"), 80)),
         "Lessons and tutoring sold: 'first lesson free', 'I give private lessons', 'guaranteed results', lessons with "
         "'to register, message me', in a community language (not 'my son goes to tutoring')."),
)
