"""Commercial: selling, services, recruitment and MLM, schemes, self-promotion and campaigns.

That is goods or services for sale, tutoring or trades for hire, recruitment and multi-level
marketing, crypto and investment schemes, "check out my channel", personal campaigns,
petitions and crowdfunding.

Cues are regular expressions over the folded text, each with a weight (class-level
``CUES``); the item's score is the strongest cue plus a little for each further one.
The school's own posts and school or PTA fundraising context lower it, so the PTA cake
sale or the school thanking a donor is not reported; links to shops and crowdfunding
sites count as cues too.
"""

from __future__ import annotations

import re
from functools import cache

from detectors.base import Detector, Finding
from detectors.commercial_languages import community_hits
from detectors.link_extract import LinkFinder
from detectors.text_fastre import compile_fast
from detectors.text_normalize import normalize
from detectors.text_rule_cues import Rule
from detectors.unsafe_link import UnsafeLinkDetector

_ME = r"(?:my|our|me|us)"
# Subscribing to the school's own newsletter, updates or text service is the school's own communication.
_NOT_SCHOOL_NEWS = (r"(?!\s+(?:to\s+)?(?:the|our|this|its)\s+(?:school'?s?\s+|pta'?s?\s+|weekly\s+|termly\s+)?"
                    r"(?:newsletters?|updates|mailing\s+list|text\s+(?:service|alerts)|calendar|bulletin)\b)")
# A reader answering a plug ("I'll check it out", "will defo check it out", "going to check it out"): the words of the
# plug, said by whoever was sent it. Fixed-width look-behinds before "check".
_NOT_READER = "".join(rf"(?<!{w}\s)" for w in (
    r"'ll", r"’ll", r"ll\sgo", r"\bwill", r"\bi", r"\bto", r"\bgonna", r"\bmust", r"\bshould", r"\bcan", r"\bmight",
    r"\bmay", r"\bwould", r"\bdef", r"\bdefs", r"\bdefo", r"\bdeffo", r"\bdefinitely", r"\bdeffinitely"))
# Crypto coins, and the pitch words that make naming one an offer ("made 3k with bitcoin", "DM me to start trading
# crypto", "join my crypto group"): a coin named in news or an argument alone is not promotion.
_COIN = r"\b(?:bitcoins?|btc|crypto(?:currenc(?:y|ies)|s)?|krypto\w*|ethereum|nfts?|usdt|dogecoin|altcoins?)\b"
_PITCH = (r"\b(?:earn\w*|profits?|returns?|invest\w*|made|making|mentor|trader|trade\w*|account\s+manager|dm|pm|inbox|"
          r"message\s+me|whatsapp|telegram|join|ask\s+me|double\w*|withdraw\w*|payouts?|free|get\s+your|buy\s+now|"
          r"start\s+(?:today|now)|sign\s+up|regist\w*|passive|income|opportunity|"
          # the launch words of a token or NFT scheme
          r"mint\w*|drops?|projects?|airdrops?|presale|pre-sale|whitelist|wl|launch\w*|staking|stake|tokens?|moon|"
          r"100x|1000x|gem|holders?|"
          # the same in the community languages: earn, invest, profit (pl, ro, pt/es, ur), register (pl)
          r"zarob\w*|inwest\w*|zysk\w*|rejestrac\w*|c[aâ]s[tț]ig\w*|profit\w*|ganh\w*|gan[eé]|ganar|lucro\w*|"
          r"kamai\w*|kamaya)\b")
_MONEY = r"(?:£|\$|€)\s?\d[\d,.]*k?|\d+\s?(?:quid|pounds|dollars|gbp|usd)\b"

# Rules (kind, weight, name, pattern, reason); kinds: selling, service, recruitment, investment, promotion,
# campaign, spam. Each reason names the general pattern; training/reports/RULES.md counts its support.
CUES: tuple[Rule, ...] = (
    Rule("selling", 0.75, "selling",
     r"\b(?:i'?m|we'?re|am)\s+selling\b|(?<!\byou\s)(?<!\bu\s)(?<!\bthey\s)\b(?:are|is)\s+selling\b"
     r"(?!\s+(?:\w+\s+)?out\b)|(?<!\byou\sare\s)(?<!\byou're\s)(?<!\bthey\sare\s)(?<!\bthey're\s)\bselling\s+"
     r"(?:\d+|a|an|some|my|our|two|three|tickets?|these|this|off)\b|\bfor\s+sale\b|\b(?:ono|o\.n\.o)\b|"
     r"(?:^|[.!?\n]\s*)selling\s+(?!(?:us|you|u|them|him|her|me|out)\b)\w|"
     rf"(?:{_MONEY})[^.!?\n]{{0,20}}\bno\s+offers\b|\bno\s+offers\s*(?:[.,!)]|$)|\b(?:no|dim)\s+time[\s-]*wasters\b|"
     # second-hand goods: their condition beside a price ("excellent condition, £120"), or a reader offered one
     # ("anyone want a pram? ... £40")
     rf"\bcondition\b[^.!?\n]{{0,60}}(?:{_MONEY})|(?:{_MONEY})[^.!?\n]{{0,60}}\b(?:excellent|good|great|perfect|"
     r"immaculate|mint|used|worn)\s+(?:condition|once|twice)\b|"
     rf"\b(?:any\s?one|anybody)\s+(?:want|need|after|interested\s+in)\s+(?:a|an|some|my|these|this)\b[^.!\n]{{0,80}}"
     rf"(?:{_MONEY})",
         "Announcing that one is selling something or that it is for sale ('ono', 'no offers', 'no time wasters')."),
    Rule("selling", 0.6, "price",
     rf"(?:{_MONEY})\s*(?:each|per|a\s+(?:box|bag|session|hour|head|ticket)|ono|plus\s+p&p|the\s+lot|for\s+"
     r"(?:the\s+)?(?:lot|bundle|both|all))\b|\b(?:this\s+week|today|this\s+weekend|tonight)\s+only\s*[:!,-]?\s*(?:£|\$|€|\d|offer|deal|price|sale)"
     r"|\b(?:offer|deal|sale|discount|promo|price)s?\s+(?:ends?|ending|valid\s+(?:until|till))\s+"
     r"(?:today|tonight|soon|midnight|this|on|sunday|monday|friday|saturday)\b|\blimited[\s-]time\s+(?:offer|only|deal)\b"
     r"|\bwhile\s+stocks?\s+lasts?\b",
         "A price tied to a unit or lot ('£5 each', '£20 the lot'), or a sales deadline ('offer ends Sunday', 'while stocks last')."),
    Rule("selling", 0.75, "discount code", r"\b\d{1,2}\s?%\s?off\b|(?:£|\$|€)\s?\d+\s?off\b|"
     r"\b(?:discount|promo|voucher|coupon)\s+codes?\b|\b(?:use|with|enter|apply)\s+(?:my\s+|our\s+)?(?:discount\s+|promo\s+)?code\s+[a-z0-9]+\s+(?:for|at|to\s+get|when)\b"
     r"|\buse\s+code\b|(?<!\bare\s)(?<!\bis\s)(?<!\bwere\s)(?<!\bwas\s)\bhalf[\s-]price\b"
     r"(?!\s+(?:on|at|in)\s+(?!(?:my|our)\b))(?![^.!?\n]{0,40}\b(?:uniform|pta|book\s+fair|school\s+(?:fair|fete|sale|shop)))|"
     r"\b(?:first|next)\s+\d{1,3}\s+(?:customers|orders|bookings|clients)\b",
         'Percent or money off, and discount or promo codes to use at a purchase.'),
    Rule("selling", 0.7, "orders and enquiries", r"\b(?:dm|pm|inbox|message|msg|text|whatsapp)\s+(?:me|us)\s+"
     r"(?:to\s+order|for\s+(?:a\s+)?(?:prices?|details|info|more\s+info|a\s+catalogue|bookings?|orders?|quotes?))\b|"
     r"\b(?:dm|pm|inbox|message|msg|text|whatsapp)\s+(?:me\s+|us\s+)?for\s+(?:slots?|appointments?|availability)\b|"
     r"\b(?:dm|pm|message|inbox|text|whatsapp)\s+(?:me\s+|us\s+)?to\s+(?:order|book|buy|reserve|place\s+an\s+order)\b|\binbox\s+me\b|\border\s+(?:now|today|yours)\b|"
     r"\bmessage\s+me\s+for\b|\b(?:taking|now\s+taking)\s+(?:orders|bookings)\b|"
     r"\b(?:send|give)\s+(?:you\s+)?a\s+(?:free\s+)?quote\b|\bbook\s+now\s+(?:and|&|to)\s+save\b",
         'Asking readers to message privately to order, book or get prices or a quote; taking orders or bookings.'),
    Rule("selling", 0.7, "shop",
     rf"\b{_ME}\s+(?:etsy|online|ebay|vinted|depop|little|new)?\s*(?:shop|store|stall|boutique)\b|"
     r"\b(?:my|our)\s+(?:own\s+)?(?:home\s+|new\s+|little\s+)?(?:salon|studio|clinic|bakery|nail\s+bar|beauty\s+room)\b|"
     r"\b(?:my|our)\s+(?:small|little|new|own)\s+business\b|\bgrand\s+(?:re-?)?opening\b|"
     r"\b(?:has|have|'s|'ve)\s+(?:just\s+|recently\s+|finally\s+)?opened\s+(?:her|his|their|a|an|my|our)\s+"
     r"(?:own\s+|new\s+|little\s+)?(?:shop|bakery|cafe|café|salon|studio|boutique|takeaway|restaurant|business|"
     r"nail\s+bar|barbers?|gym|nursery)\b|\b(?:i'?ve|we'?ve|i|we)\s+(?:just|recently|finally)\s+"
     r"opened\s+(?:a|my|our)\s+(?:little\s+|new\s+|own\s+)?(?:shop|bakery|cafe|café|salon|studio|boutique|takeaway|"
     r"restaurant|business|nail\s+bar|barbers?)\b|\bsomeone\s+who'?s\s+just\s+opened\s+a\b|\b(?:custom|personalised|personalized|bespoke|made[\s-]to[\s-]order)\s+(?:\w+\s+)?(?:cakes|orders|designs|prints|"
     r"mugs|t-?shirts|hoodies|jewellery|banners|name\s+signs)\b|"
     r"\b(?:new|autumn|christmas|spring|summer|winter)\s+collection\b|\b(?:my|our|latest)\s+(?:new\s+|latest\s+|christmas\s+|spring\s+|summer\s+|autumn\s+)?(?:catalogue|brochure|price\s+list)\b|\bfree\s+(?:delivery|postage|p&p)\b",
         "Pointing to one's own shop, small business, premises, made-to-order goods, collection or catalogue."),
    Rule("service", 0.7, "services for hire", r"\b(?:i|we)\s+(?:run|offer|teach|give|do)\s+(?:\S+\s+){0,3}?"
     r"(?:sessions|lessons|classes|tuition|coaching|courses|workshops)\b(?!\s+(?:at|for)\s+(?:the|our)\s+school)|"
     r"\b(?:we|i)\s+specialise\s+in\b|"
     r"\b(?:i'?ve|i\s+have|i'?m\s+now|i\s+am\s+now|i)\s+(?:just\s+|recently\s+|finally\s+|newly\s+)?qualified\s+as\s+(?:a|an)\s+"
     r"(?:\w+\s+){0,3}?(?:therapist|tutor|instructor|trainer|technician|tech|stylist|beautician|photographer|"
     r"childminder|plumber|electrician|mechanic|coach|hairdresser|barber|aesthetician|practitioner|"
     r"make-?up\s+artist|dog\s+groomer|groomer)\b|"
     r"\b(?:i|we)\s+(?:do|offer|make|provide|cater|bake|run)\s+(?:\w+\s+){0,3}?"
     r"(?:for|at)\s+(?:birthdays|parties|weddings|christenings|events|all\s+occasions|any\s+occasion|baby\s+showers|"
     r"hen\s+parties|proms|corporate\s+events)\b|"
     r"\b(?:spaces?|slots?|availability|places)\s+(?:available|left|for)\b|"
     r"\b(?:tutor|tutoring|tuition)\s+(?:available|sessions|for|in)\b|\b(?:ofsted\s+registered|fully\s+insured|"
     r"dbs\s+checked)\b|\bfree\s+(?:quotes?|consultation|trial)\b|(?<!\bi\s)(?<!\bwe\s)(?<!still\s)(?<!to\s)\bbook\s+"
     r"(?:now|your|a)\s+(?:slot|session|place)\b|"
     r"\b(?:childminder|cleaner|plumber|electrician|photographer|tutor|driving\s+instructor|dog\s+walker|"
     r"personal\s+trainer|hairdresser|nail\s+tech|mechanic)\s+(?:with|available|here)\b|"
     r"\b(?:taking\s+on|accepting)\s+(?:new\s+)?(?:pupils|clients|students|customers|learners)\b|"
     r"\b(?:private|1:1|one[- ]to[- ]one)\s+(?:tuition|tutoring|lessons)\b|"
     r"\b(?:booking|booked)\s+up\s+(?:fast|quickly|for)\b|\b(?:my|our)\s+(?:diary|calendar|books)\s+(?:is|are)\s+"
     r"(?:filling|booking)\s+up\b|\bmention\s+(?:\w+\s+){1,5}?(?:for|to\s+get)\s+(?:a\s+)?"
     r"(?:discount|(?:£|\$|€)?\d+\s?%?\s?off)\b|"
     rf"(?:{_MONEY})\s*(?:/|an\s+|per\s+)(?:hr|hour|session|lesson)\b",
         'Offering a paid service: for events, slots available, tutoring, trades, rates per hour, credentials.'),
    Rule("recruitment", 0.8, "recruitment or MLM",
     r"\bjoin\s+my\s+team\b|\bbe\s+your\s+own\s+boss\b|\bwork\s+from\s+home\b|"
     # the teaser pitch: "I help mums get back into work", "not for everyone but... DM me", "my inbox is open"
     r"\bi\s+help\s+(?:busy\s+)?(?:mums|moms|mams|parents|women|ladies|families)\s+(?:to\s+)?(?:get|earn|make|work|"
     r"find|build|start)\b|\bnot\s+for\s+every(?:one|body)\s+but\b[^.!?]{0,80}\b(?:dm|pm|inbox|message)\s+me\b|"
     r"\bfed\s+up\s+(?:of|with)\s+(?:asking|having|being|working|relying)\b[^!?]{0,120}\b(?:dm|pm|inbox|message)\s+me\b|"
     r"\b(?:my\s+)?inbox\s+is\s+(?:always\s+)?open\b|"
     r"\b(?:i'?ve|i\s+have|we'?ve|we\s+have|i'?m\s+offering|we'?re\s+offering)\s+(?:got\s+)?(?:an?\s+)?(?:amazing|"
     r"exciting|incredible|fantastic|great|unique|life[\s-]changing)\s+(?:business\s+|work\s+|job\s+|income\s+)?"
     r"opportunit|\b(?:fits?|fitting|work|working)\s+(?:from\s+home\s+)?around\s+your\s+(?:kids|children|"
     r"school\s+runs?|family|little\s+ones)\b|"
     # earning offered ("earn £500", "make extra cash") or a seller's own testimony ("I made £2k"); "we made £340" at
     # the cake sale is a fundraiser's result, not an offer, and "make money" alone is as often a complaint ("all
     # they care about is making money off us", "scared money don't make money")
     r"\bside\s+hustle\b|\b(?:earn|i(?:'?ve|\s+have)?\s+made)\s+(?:extra\s+|real\s+)?(?:money|cash|"
     rf"income|{_MONEY})\b|\b(?:make|making)\s+(?:(?:extra|real|easy|quick|fast|serious|good)\s+(?:money|cash|income)|"
     rf"{_MONEY})\b|\b(?:make|making)\s+(?:money|cash)\s+(?:online|from\s+home|fast|quick(?:ly)?|easily|today|"
     r"while\s+you|in\s+your\s+spare|with\s+(?!us\b)|by\s+\w+ing|on\s+(?:the\s+)?(?:internet|youtube|tiktok|your)|"
     r"from\s+(?:your|youtube|tiktok|instagram))\b|\b(?:want|wanna|how|ways?|learn)\s+(?:to\s+)?(?:make|earn)\s+"
     r"(?:some\s+|extra\s+)?(?:money|cash)\b|\bneed\s+(?:some\s+|extra\s+)?(?:money|cash)\s*\?|\bpassive\s+income\b|\bask\s+me\s+how\b|\b(?:we'?re|i'?m)\s+(?:hiring|recruiting)\b|"
     r"\blooking\s+for\s+(?:\w+\s+){0,2}(?:to\s+join\s+(?:my|our)\s+team|reps|ambassadors)\b|"
     r"\bbusiness\s+opportunity\b|\bfinancial\s+freedom\b|\bneed\s+extra\s+(?:money|cash|income)\b|"
     r"\b(?:earn|earns|earning|make|makes|making|income)\s+(?:(?:extra\s+|real\s+|good\s+|some\s+)?(?:money|cash|"
     rf"income|{_MONEY})\s+)?(?:(?:a|an|per|every)\s+(?:day|week|month|hour)\s+)?(?:from|at)\s+(?:home|your\s+(?:phone|sofa|couch|kitchen\s+table)|my\s+(?:phone|sofa|couch|"
     r"kitchen\s+table)|the\s+comfort\s+of)\b|\bpaid\s+off\s+(?:my|our|her|his|all\s+(?:my|our))\s+(?:\w+\s+)?(?:car|mortgage|"
     r"loans?|credit\s+cards?|debts?)\b|\b(?:quit|left)\s+(?:my|her|his)\s+(?:9\s*-\s*5|nine\s+to\s+five|day\s+job)\b|\b(?:dm|pm|message|inbox|comment)\s+(?:me\s+)?[\"'“‘]?(?:info|interested|yes)\b",
         'Multi-level-marketing and get-rich pitches: join my team, be your own boss, earn money from home, passive income.'),
    Rule("investment", 0.85, "crypto or investment scheme", rf"\b(?:forex|binary\s+options?|trading\s+signals?)\b|"
     rf"{_COIN}[^.!?\n]{{0,80}}{_PITCH}|{_PITCH}[^.!?\n]{{0,80}}{_COIN}|"
     r"\b(?:invest|investment)\s+(?:with|in|opportunity|returns?)\b|"
     rf"\bpaid\s+off\s+(?:{_MONEY}|my|all)\b[^.]{{0,300}}\bdebt|\b(?:guaranteed|weekly|daily)\s+(?:returns?|profits?)\b|"
     r"\bsignals?\b[^.]{0,40}\btelegram\b|\btelegram\s+(?:group|channel|chat)\b|\b(?:on|via)\s+telegram\b|"
     r"\bdoubl(?:e|ed|ing)\s+(?:your|their|my|his|her)\s+(?:savings|money|investment|income)\b",
         "Crypto, forex and investment pitches with promised returns, Telegram groups."),
    Rule("campaign", 0.45, "petition mentioned", r"\bpetitions?\b",
         "A petition named without a call to sign it: adds weight to another cue."),
    # crypto named without a pitch word ("bitcoin fell again", "lost a fortune on crypto"): weight beside another cue,
    # a link included (a coin and a link is a plug more often than news)
    Rule("investment", 0.45, "crypto mentioned", _COIN, "Crypto named without a pitch: adds weight to another cue."),
    Rule("promotion", 0.7, "link in bio", r"\blinks?\s+(?:in|on)\s+(?:my\s+|our\s+|me\s+)?(?:bio|profile)\b|"
     r"\blinks?\s+(?:is\s+)?in\s+the\s+comments\b|\blink\s+mere\s+profile\b",
         "Sending readers to the link on one's own profile ('link in bio'): how sellers and lures both point away."),
    Rule("promotion", 0.75, "self-promotion", rf"\b(?:check\s*(?:out)?|visit|see|watch|view|look\s+at)\s+{_ME}\s+"
     r"(?:new\s+)?(?:youtube\s+)?(?:channel|vlogs?|videos?|page|music|songs?|tracks?|mixtape|blog|website|site|"
     r"stream|playlist|profile|instagram|insta|tiktok|account|story|remix|album|art|shop|store|book)\b|"
     rf"\bsub(?:scribe)?s?{_NOT_SCHOOL_NEWS}\s+(?:to\s+{_ME}|{_ME}|plz|please|pls)\b|\bsubscribe\s+(?:for|and)\b|"
     r"\bsubscribe\s*(?:!+|$|for\s+more)|\b(?:like|comment|share)\s*(?:,|and|&)\s*subscribe\b|\bplease\s+subscribe\b"
     rf"{_NOT_SCHOOL_NEWS}|"
     r"\bfollow\s+(?:me|us)\b|\bfollow\s+@\w|"
     r"\b(?:i'?m|i\s+am|we'?re|going|go|be)\s+live\s+on\s+(?:twitch|tiktok|youtube|insta(?:gram)?|kick)\b|"
     r"\blive\s+on\s+(?:twitch|kick)\b|"
     rf"\b(?:follow|support|like|share|visit)\s+{_ME}\s+(?:small\s+|little\s+|new\s+)?(?:business|biz|page|shop)\b|"
     rf"\b{_ME}\s+(?:youtube\s+|gaming\s+|new\s+)?channel\b|\blike\s+{_ME}\s+(?:page|video|comment|pic|photo)\b|"
     r"\b(?:head|pop|come)\s+(?:over\s+)?to\s+(?:my|our)\s+(?:page|channel|profile|shop|account)\b|\b(?:get|need|reach|gain|want|help\s+me\s+get)\s+(?:\d+\s*k?|more|some)\s+"
     r"(?:new\s+)?(?:subs|subscribers|followers|likes)\b",
         "Asking readers to look at, subscribe to, follow or like one's own channel, page, music or shop."),
    Rule("promotion", 0.6, "promoted video", r"\bcheck\s*(?:out)?\s+(?:this|the|my|our)\s+(?:new\s+)?(?:video|playlist|"
     r"channel|song|track|remix|website|site|app)\b|"
     rf"{_NOT_READER}\bcheck\s+it\s+out\b|"
     r"\bclick\s+(?:here|the\s+link|this\s+link)\b|"
     r"\bshare\s+(?:this|my|our)\b|\bgive\s+(?:me|us)\s+a\s+(?:like|follow|sub)\b",
         'Telling readers to check out, click or share a video, site, app or link.'),
    Rule("promotion", 0.7, "self-introduction as a performer or seller", r"\b(?:i'?m|we'?re|i\s+am|we\s+are)\s+(?:a|an)?\s*"
     r"(?:\w+\s+){0,3}?(?:rapper|singer|songwriter|musician|band|producer|youtuber|vlogger|blogger|dj|"
     r"photographer|baker|artist|author|illustrator|life\s+coach|stylist)\b",
         'Introducing oneself as a performer, creator or seller (usually before a plug).'),
    Rule("promotion", 0.6, "check it out",
     rf"{_NOT_READER}\bch[ec]{{1,2}}k\s*(?:it\s+|them\s+|this\s+|me\s+|us\s+)?out\b|\bcheck\s+(?:my|our)\b|"
     r"\bwatch\s+(?:this|my|our)\s+(?:new\s+)?(?:trailer|film|channel|vlog)\b|\bwatch\s+(?:my|our)\s+video\b",
         "The imperative 'check it out / check my ...' plug, spelled any way."),
    Rule("promotion", 0.6, "own creations", r"\bout\s+now\s+on\s+(?:amazon|kindle|spotify|apple\s+music|youtube)\b|"
     rf"\b{_ME}\s+(?:new\s+|latest\s+|first\s+|debut\s+|own\s+|original\s+|children['’]?s\s+|"
     r"youtube\s+|acoustic\s+|rap\s+|music\s+)?(?:channel|cover|covers|songs?|raps?|videos|music|book|"
     r"app|band|mixtape|remix|vlog|blog|website|podcast|subscribers?|followers?)\b|\b(?:get|buy|gain|received?)\s+"
     r"(?:[\d,]+\s*k?\s+)?(?:new\s+)?(?:#?\w+\s+)?(?:subscribers|followers|likes)\b|\b(?:buy|received?)\s+"
     r"(?:over\s+)?[\d,]+\s*k?\s+(?:new\s+)?(?:#?\w+\s+)?(?:youtube\s+)?views\b",
         "Naming one's own channel, songs, book or app, or buying followers, subscribers or views."),
    Rule("promotion", 0.6, "subscribe", rf"\bsu[bcs]{{1,3}}c?ri+b+e*\b{_NOT_SCHOOL_NEWS}|\bsub\s+(?:to|4)\s+(?:me|my|us|our)\b|\bsub\s*(?:4|for)\s*sub\b|\bsubscribe\w*\s+back\b",
         'Asking for subscriptions in the forms YouTube spam uses: sub to me, sub 4 sub, subscribe back.'),
    Rule("promotion", 0.65, "visit the site", r"\b(?:visit|go\s+to|goto)\s+(?:this|the|my|our)?\s*(?:web)?site\b|"
     r"\b(?:please|plz|pls)\s+(?:visit|watch|view|read|listen|like|comment)\b|\b(?:please|plz|pls)\s+look\s+(?:at\s+)?(?:my|our)\b|\bdownload\s+(?:it\s+)?(?:now|free|today)\b|"
     r"\bdownload\s+(?:my|our)\b|\bsearch\s+(?:for\s+)?[\"“']|\b(?:type|search|look\s+(?:it\s+)?up)\b[^.]{0,40}\b(?:on|in)\s+"
     r"(?:youtube|google)\b|\b(?:kik|skype|snapchat|snap|telegram)\s*:",
         'Directing readers to a site, a download, a search term or a messaging handle.'),
    Rule("recruitment", 0.7, "paid to", r"\b(?:get|getting)\s+paid\s+(?:to|for\s+(?:doing|sharing|posting|your|every)|"
     r"daily|weekly|instantly|every\s+(?:day|week)|(?:£|\$|€)\s?\d)|\b(?:you\s+(?:can|could|will)|want\s+to|how\s+to|"
     r"start|and)\s+(?:get|getting)\s+paid\b|\bpaid\s+(?:to|for)\s+(?:\w+\s+)?(?:surveys?|sharing|"
     r"respond|click|like|post|comment)|\bsurveys?\s+from\s+home\b",
         'Offers of being paid for surveys, clicks, likes or posting.'),
    Rule("spam", 0.7, "free offers and hacks", r"\bfree\s+(?:(?:£|\$|€)\s?\d[\d,]*\s+)?(?:\w+\s+)?"
     r"(?:credits|gift|codes?|downloads?|apps?|iphone|"
     r"ipad|money|cash|vouchers?|itunes)\b|\bhack\w*\b[^.]{0,30}\b(?:accounts?|facebook|instagram|password)\b",
         'Free gifts, credits, codes or money, and account-hacking offers: classic spam bait.'),
    Rule("selling", 0.6, "price list", rf"\bprices?\s*:|(?:{_MONEY})[^£$€]{{1,60}}(?:{_MONEY})",
         "A list of prices (two or more amounts, or 'prices:')."),
    Rule("campaign", 0.6, "asking for votes or likes",
     r"(?<!\bnot\s)(?<!n't\s)(?<!\bnever\s)(?<!\bwould\s)(?<!\bwill\s)(?<!\bto\s)(?<!\bi\s)(?<!\bthey\s)(?<!\bwe\s)"
     r"(?<!\byou\s)(?<!\bdidnt\s)(?<!\bwont\s)\b(?:please\s+|plz\s+|pls\s+)?vote\s+(?:for\s+)?(?:her|him|me|us|my|daily|now)\b"
     r"(?!\s+(?:out|gone|off|down)\b)|\bplease\s+vote\b|\blike\s+(?:this|my|our)\s+(?:pic|photo|video|post|entry)\b",
         'Asking readers to vote for someone or like a post or entry.'),
    Rule("campaign", 0.8, "petition or crowdfunding",
     r"\bsign\s+(?:my|our|the|this)\s+petition\b|\bpetition\s+(?:to|for|against|link|here)\b|"
     r"\b(?:sign|signed|share|start(?:ed)?|launch(?:ed)?|our|my)\s+(?:\w+\s+){0,2}?petition\b|petition\s*[:👉]|"
     r"\bgo\s*fund\s*me\b|\bcrowdfund(?:ing|er)?\b|\b(?:please|pls|plz)\s+donate\b|\bvote\s+for\s+me\b|"
     r"\b(?:raise|raising)\s+(?:money|funds)\s+(?:for|to)\b|\bsponsor\s+(?:me|her|him|them|us|my|our)\b(?!\s+(?:school|pta|class))|\b(?:trying|hoping|need|needs|needing)\s+to\s+raise\s+(?:£|\$|€)\s?\d|\bfund\s+raise\s+kar\b|"
     r"\banything\s+helps\b|\bevery\s+(?:£\s?1|penny|pound)\s+(?:counts|helps)\b|"
     r"\b(?:my|our)\s+(?:own\s+)?(?:fundraising|justgiving|donations?|charity|go\s*fund\s*me|"
     r"crowdfunding|sponsorship)\s+(?:page|link)\b|"
     r"\bhelp\s+(?:me|us)\s+(?:raise|reach|get|win)\b",
         'Personal petitions, crowdfunding, sponsorship and fundraising pages, requests to donate.'),
    Rule("spam", 0.8, "followers, gambling and dating", r"\b(?:buy|get|gain)\s+\d+\s*k?\s+(?:real\s+)?"
     r"(?:followers|likes|subscribers|views)\b|\bfree\s+spins\b|"
     r"\bno\s+deposit\b|\b(?:hot|local|lonely|sexy|single|naughty)\s+(?:singles|girls|women|milfs|mums|moms|wives|"
     r"housewives|men|guys)\b|\bmeet\s+(?:\w+\s+)?(?:singles|mums|moms|girls|women|men)\s+(?:near|in|tonight|now|online|today)\b|"
     r"\bwin\s+big\b(?!\s+in\s+(?:the\s+)?(?:election|polls?|vote|"
     r"november|may|june|january|february|march|april|july|august|september|october|december))|"
     r"\bsingles\s+(?:near|in)\s+(?:you|your\s+area)\b|\bdating\s+(?:site|app)\b|"
     r"\b(?:struggling\s+with\s+(?:money|bills|debts?|finances)|need\s+(?:some\s+)?extra\s+(?:money|cash|income))\s*\?|"
     r"\bwrite[\s-]*offs?\s+(?:up\s+to\s+)?\d{1,3}\s?%|"
     r"\bcheap\s+(?:real\s+)?(?:followers|likes|views|subscribers|meds|pills|watches|rolex|designer\s+\w+|loans?)\b|"
     r"\bcheap!{2,}",
         'Selling followers or views, gambling and dating bait, money-trouble lures.'),
    Rule("spam", 0.8, "free gifts and prizes",
     r"\bfree\s+(?:gift\s*cards?|iphone|robux|v-?bucks|money)\b|\bgiveaway\b|\bwin\s+(?:a|an|free)\s+(?:\w+\s+){0,3}?(?:prizes?|vouchers?|gifts?|hampers?|iphones?|ipads?|"
     r"xbox|ps\d|playstation|nintendo|switch|airpods|macbook|samsung|holidays?|trips?|cars?|tvs?|cash|bundles?|cards?|"
     r"tickets?|makeovers?|treats?|box|sets?|"
     r"bikes?|laptops?|consoles?|phones?|watch|shopping\s+spree|year's\s+supply)\b|\bwin\s+(?:a\s+)?[£$€]\s?\d|"
     r"\benter\s+to\s+win\b|"
     r"\bclaim\s+(?:yours|your\s+(?:free\s+)?(?:prize|voucher|gift|reward|cash|iphone)s?)\b",
         'Giveaways, prizes and free gifts: the bait of a fake giveaway as much as of an advert.'),
)
# Links to sites where people sell, fundraise or promote themselves.
COMMERCIAL_SITES = {"etsy.com": "a shop", "ebay.co.uk": "a shop", "ebay.com": "a shop", "depop.com": "a shop",
                    "vinted.co.uk": "a shop", "gofundme.com": "crowdfunding", "gofund.me": "crowdfunding",
                    "justgiving.com": "a fundraising page", "crowdfunder.co.uk": "crowdfunding",
                    "buymeacoffee.com": "a creator page", "change.org": "a petition",
                    "kickstarter.com": "crowdfunding", "patreon.com": "a creator page", "ko-fi.com": "a creator page",
                    "onlyfans.com": "a creator page", "linktr.ee": "a link page", "twitch.tv": "a stream",
                    "paypal.me": "a payment page", "wattpad.com": "a self-published story",
                    "reverbnation.com": "a music page", "soundcloud.com": "a music page", "t.me": "a Telegram channel",
                    # shorteners that pay whoever posts the link per click: posted to earn
                    **dict.fromkeys(("adf.ly", "shorte.st", "ouo.io", "linkvertise.com", "bc.vc"),
                                    "a pay-per-click link")}
# A shared video, post or event rather than someone's page: "/watch", a tweet's "/status/", a Facebook "/posts/"
_WATCH_PATH = re.compile(r"^/(?:watch|shorts|embed|hashtag|events|groups)\b|^/?$|^/[^/]+/(?:status(?:es)?/\d|posts/)")
APP_STORES = frozenset({"play.google.com", "apps.apple.com", "itunes.apple.com"})
_SOCIAL = frozenset({"facebook.com", "instagram.com", "youtube.com", "youtu.be", "tiktok.com", "twitter.com", "x.com"})
# The school's own events and fundraising, and thanks to donors.
SCHOOL_CONTEXT = compile_fast(r"\bpta\b|\bfriends\s+of\b|\bschool\s+(?:fair|fete|disco|funds?|trip)\b|"
                            r"\b(?:summer|christmas|winter|spring)\s+(?:fair|fete|market)\b|\bcake\s+sale\b|"
                            r"\bevery\s+penny\b|\ball\s+(?:money|proceeds)\s+(?:raised\s+)?(?:goes|go)\b|"
                            r"\braffle\b|\bprom\s+(?:tickets?|night|committee)\b|"
                            r"\b(?:the|our|year\s*1[1-3])\s+prom\b|"
                            r"\bschool'?s\s+(?:own\s+)?(?:youtube|channel|page|website|site|account|app)\b|"
                            r"\bschool\s+app\b|\bnon[- ]uniform\b|"
                            r"\b(?:thank\s+you|thanks)\s+(?:so\s+much\s+)?to\b[^.]{0,80}"
                            r"\b(?:support|donation|sponsor|generosity|donating)\b|\bsponsored\s+by\b|"
                            # parents collecting among themselves for a teacher's present
                            r"\bwhip[- ]?round\b|\bcrha\b|\b(?:cyfeillion|ffrindiau)\s+(?:yr|'r)\s+ysgol\b|"
                            r"\bcronfa'?r\s+ysgol\b|\ber\s+budd\s+yr\s+ysgol\b|\barian\s+(?:i|at)\s+(?:yr\s+ysgol|"
                            r"gronfa|yr\s+urdd|yr\s+eisteddfod)\b|\bcollect(?:ing|ion)\b[^.!?]{0,50}\b(?:present|gift|flowers|leaving)\b")
# A reader asking for a trader ("can anyone recommend a tutor?"): the trade words are the question's, not an offer,
# unless the writer offers something in the same item ("I do ironing, £10 a basket").
ASKING_CONTEXT = compile_fast(
    r"\b(?:does|do|can|could|would)\s+(?:any\s?one|anybody|someone|somebody|u|you)\s+(?:know|recommend|suggest)\b|"
    r"\b(?:any\s?one|anybody)\s+(?:know|recommend|used|tried)\b|\bany\s+recommendations?\b|"
    r"\b(?:recommendations?|suggestions?)\s+(?:for|of)\s+(?:a|an|any|good)\b|\bwhere\s+(?:can|do|did)\s+(?:i|we|you)\s+(?:get|find)\b")
_OFFER_WORDS = (r"\b(?:i|we)\s+(?:do|offer|provide|teach|tutor|run|cater|make|sell|have\s+(?:spaces|slots))\b|"
                r"\b(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:a|an)\s+(?:qualified|local|registered|dbs)\b|"
                r"\b(?:dm|pm|message|inbox|text|call|whatsapp)\s+(?:me|us)\b|\b(?:for\s+sale|selling|order\s+now)\b")
OFFERING = compile_fast(_OFFER_WORDS + r"|[£$€]\s?\d")
OFFER_WORDS = compile_fast(_OFFER_WORDS)
# Parents talking about what things cost ("the blazer's gone from £16 to £19", "why is the tie £4.50 when Asda do
# one for £1.50", "energy bill £230 this month"): prices, and nothing offered.
PRICE_TALK = compile_fast(
    r"\b(?:gone|went|going)\s+up\b|\b(?:gone|went|risen|rose|jumped|shot)\s+(?:up\s+)?from\s+[£$€]|"
    r"\bwhen\s+\w+\s+(?:do|does|sell|sells|have|has)\s+(?:one|them|it)\s+for\b|\bwhy\s+(?:is|are|do|does)\b|"
    r"\b(?:crazy|ridiculous|extortionate|rip[- ]?off|daylight\s+robbery|bills?|"
    r"(?<!anyone\s)(?<!any\sone\s)(?<!anybody\s)want|wants|wanted|charging|charged|"
    r"paid|cost\s+(?:me|us))\b")
# Someone's pay talked about ("I was on £9 an hour at the factory", "she earns £12 an hour"): a rate, nothing for hire.
# Not "we" or "you": "we get you booked in", "you get 1:1 sessions" are an offer's words.
WAGE_TALK = compile_fast(
    r"\b(?:i|she|he|they|my\s+\w+)\s+(?:was|were|used\s+to\s+be)\s+(?:on|paid|making|earning|getting)\b|"
    r"\b(?:i|she|he|they)\s+(?:earns?|earned|got|gets|makes|made)\s+(?:only\s+|just\s+|about\s+|around\s+)?[£$€]\s?\d|"
    r"\b(?:wages?|salary|minimum\s+wage|pay\s+rise|living\s+wage)\b")
# Faith and community events, food and clothes banks, free for all: what a community shares, not what it sells (the
# learned model alone reads "free" and "bring" as an advert's words).
COMMUNITY_EVENT = compile_fast(
    r"\b(?:church|chapel|mosque|masjid|gurdwara|mandir|temple|synagogue|shul|community\s+(?:centre|center|hall|cafe|"
    r"fridge|pantry)|food\s*bank|(?:clothes|baby|uniform)\s+bank|warm\s+(?:space|hub)|iftar|eid\s+(?:party|"
    r"celebration|fair)|diwali|vaisakhi|harvest\s+festival|carol\s+service|(?:every|any)(?:one|body)\s+(?:is\s+)?"
    r"welcome|all\s+welcome|no\s+referral|free\s+(?:for|to)\s+(?:all|kids|children|families|everyone))\b")

# A reader warning others about promotion they were sent ("the crypto mentor on here is a scam, block and
# report"): it names the scheme's words, and promotes nothing. "It's not a scam" does not match (spam says it).
WARNING_CONTEXT = compile_fast(
    r"\b(?:it'?s|its|is|are|they'?re|theyre|all)\s+(?:all\s+|just\s+|a\s+|an?\s+obvious\s+)?(?:scams?|spam|fake)\b|"
    r"\bblock(?:ed)?\s+(?:and|&|n)\s+report(?:ed)?\b|\breport(?:ed)?\s+(?:and|&|n)\s+block(?:ed)?\b|"
    r"\b(?:psa|beware|warning|heads\s+up)\b[^.!?]{0,80}\b(?:scams?|spam|fake|phishing)\b|"
    # a shop reported for what it sells to children
    r"\breport(?:ed)?\s+(?:it|them|this|him|her)\s+to\b|\btrading\s+standards\b|\bshould\s+be\s+reported\b|"
    r"\bzg[lł]os\w*")


@cache
def _compiled_cues() -> list:
    """The cue patterns, compiled once per process (every school's detector reads the same)."""
    return [(kind, weight, name, compile_fast(p)) for kind, weight, name, p in CUES]


class CommercialDetector(Detector):
    """Promotion of personal financial interests, ventures, campaigns and self-promotion."""

    label = "commercial"
    BY_SCHOOL_DISCOUNT = 0.4
    SCHOOL_CONTEXT_DISCOUNT = 0.25
    WARNING_DISCOUNT = 0.5
    NOTHING_OFFERED_DISCOUNT = 0.5  # a trader asked for, or prices talked about, and nothing offered

    def load(self, nlp) -> None:
        """Compile the cue patterns and build the link finder once."""
        self._cues = _compiled_cues()
        self._links = LinkFinder()
        # the link rules of the unsafe_link detector: a link they flag is not promotion for its own sake
        self._unsafe = UnsafeLinkDetector(self.school)
        self._unsafe.load(nlp)

    def analyze(self, item, doc) -> list[Finding]:
        """One finding per commercial item, naming its strongest cue."""
        norm = normalize(item.text)
        text = norm.text
        hits: list[tuple[float, str, str, int, int]] = []
        for kind, weight, name, pat in self._cues:
            m = pat.search(text)
            if m:
                start, end = norm.orig_span(m.start(), m.end())
                hits.append((weight, kind, name, start, end))
        hits.extend(community_hits(item.text))  # "Sprzedam", "Продавам", "encomendas pelo direct"
        # A link alone is not promotion: where it leads is the unsafe_link detector's judgement, and an outside
        # link only adds weight to another cue. Shops, fundraising pages, app stores and social pages are cues.
        for link in self._links.find(item.text):
            site = COMMERCIAL_SITES.get(link.registrable)
            verdict = self._unsafe.judge(link, item.platform) if not site else None
            if verdict is not None and verdict[0] in ("adult", "gambling"):
                hits.append((0.7, "link", f"a link to {verdict[0] == 'adult' and 'an adult' or 'a gambling'} site",
                             link.start, link.end))
                continue
            if site:
                hits.append((0.7, "link", f"a link to {site} ({link.registrable})", link.start, link.end))
            elif link.host in APP_STORES:  # where the school's own app lives too: weight beside another cue only
                hits.append((0.45, "link", "a link to an app store page", link.start, link.end))
            elif (link.registrable in _SOCIAL and link.registrable != "youtu.be"
                  and not _WATCH_PATH.match(link.path or "/")):
                hits.append((0.5, "link", f"a link to a page on {link.registrable}", link.start, link.end))
            elif link.registrable not in _SOCIAL:
                hits.append((0.45, "link", "a link to an outside site", link.start, link.end))
        if not hits:
            return []
        hits.sort(key=lambda h: -h[0])
        # a link adds weight to another cue, not to another link
        score = min(1.0, hits[0][0] + 0.1 * len({h[2] for h in hits[1:] if h[1] != "link" or hits[0][1] != "link"}))
        if item.by_school:
            score -= self.BY_SCHOOL_DISCOUNT
        if SCHOOL_CONTEXT.search(text):
            score -= self.SCHOOL_CONTEXT_DISCOUNT
        if WARNING_CONTEXT.search(text):
            score -= self.WARNING_DISCOUNT
        if ASKING_CONTEXT.search(text) and not OFFERING.search(text):
            score -= self.NOTHING_OFFERED_DISCOUNT
        elif hits[0][1] == "selling" and PRICE_TALK.search(text) and not OFFER_WORDS.search(text):
            score -= self.NOTHING_OFFERED_DISCOUNT  # prices talked about, nothing offered
        elif hits[0][1] == "service" and WAGE_TALK.search(text) and not OFFER_WORDS.search(text):
            score -= self.NOTHING_OFFERED_DISCOUNT  # someone's pay talked about, nothing for hire
        if score < self.threshold:
            return []
        weight, kind, name, start, end = hits[0]
        others = sorted({h[2] for h in hits[1:]})
        explanation = f"Commercial ({kind}): {name}" + (f", with {', '.join(others)}" if others else "") + "."
        severity = "medium" if kind in ("investment", "spam") or score >= 0.9 else "low"
        return [Finding(self.label, round(score, 3), severity, start, end, explanation,
                        details={"kind": kind, "cues": [h[2] for h in hits]})]
