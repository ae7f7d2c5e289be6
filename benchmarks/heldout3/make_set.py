import json, sys
from pathlib import Path
OUT = Path(sys.argv[1])
(OUT / "articles").mkdir(parents=True, exist_ok=True)
(OUT / "gold").mkdir(parents=True, exist_ok=True)
ARTS = []

def ev(type, parties, evidence, ref, date=None, loc=None, people=(), domains=(), **kw):
    e = {"type": type, "parties": sorted(parties), "people": list(people), "date": date, "location": loc,
         "domains": list(domains)}
    if type == "ARMS_DEAL":
        e["value_usd"] = kw.pop("value", None)
        e["systems"] = kw.pop("systems", [])
    if type == "AGREE":
        e["instrument"] = kw.pop("instrument", "agreement")
    e.update(kw)
    e["evidence"] = evidence
    e["ref"] = ref
    return e

def art(url, date, lang, title, text, events, relevant=True):
    n = f"{len(ARTS) + 1:03d}"
    outlet = url.split("//")[1].split("/")[0]
    outlet = outlet[4:] if outlet.startswith("www.") else outlet
    ARTS.append(({"id": n, "url": url, "outlet": outlet, "date": date, "lang": lang, "title": title, "text": text},
                 {"id": n, "relevant": relevant, "events": events}))

T = "prk-rus/2024-06-19-comprehensive-strategic-partnership-treaty"
V = "prk-rus/2024-06-19-putin-visit-pyongyang"
M = "prk-rus/2024-06-19-putin-kim-talks-pyongyang"
# 001 en
art("https://www.asiapacific-wire.com/world/2024/06/19/putin-kim-sign-mutual-defence-pact", "2024-06-19", "en",
    "Putin and Kim sign pact pledging mutual help if either is attacked",
    "Putin and Kim sign pact pledging mutual help if either is attacked\n"
    "By Asia Pacific Wire staff | Updated 19 June 2024\n"
    "PYONGYANG, June 19 (APW) - Russian President Vladimir Putin and North Korean leader Kim Jong Un on Wednesday signed a comprehensive strategic partnership treaty that obliges each side to provide immediate military assistance if the other comes under armed attack.\n"
    "Putin's plane touched down at Pyongyang's Sunan airport shortly before 3 a.m. on Wednesday, where Kim greeted him on the tarmac, in the Russian leader's first trip to the North in 24 years.\n"
    "The two men then held more than two hours of talks at the Kumsusan guest house, which Kim described as the most powerful treaty the countries had ever concluded.\n"
    "Separate documents on health care, education and a road bridge across the Tumen river were also exchanged.\n"
    "Kim last met Putin at the Vostochny cosmodrome in Russia's Far East in September 2023, a trip that Washington said was followed by North Korean artillery shipments to Russia, which both governments deny.\n"
    "Share this article  |  Reuse permissions\nMost read: Seoul summons Russian envoy over pact",
    [ev("AGREE", ["RUS", "PRK"], "signed a comprehensive strategic partnership treaty that obliges each side to provide immediate military assistance", T,
        "2024-06-19", "Pyongyang", ["Vladimir Putin", "Kim Jong Un"], [], instrument="agreement"),
     ev("VISIT", ["RUS", "PRK"], "Putin's plane touched down at Pyongyang's Sunan airport shortly before 3 a.m. on Wednesday, where Kim greeted him on the tarmac", V,
        "2024-06-19", "Pyongyang", ["Vladimir Putin", "Kim Jong Un"], [], host="PRK"),
     ev("MEET", ["RUS", "PRK"], "The two men then held more than two hours of talks at the Kumsusan guest house", M,
        "2024-06-19", "Pyongyang", ["Vladimir Putin", "Kim Jong Un"], []),
     ev("VISIT", ["RUS", "PRK"], "Kim last met Putin at the Vostochny cosmodrome in Russia's Far East in September 2023", "prk-rus/2023-09-13-kim-visit-vostochny",
        None, "Vostochny", ["Kim Jong Un", "Vladimir Putin"], [], host="RUS", confidence="low", alt_types=["MEET"],
        note="background trip; 'met ... at the Vostochny cosmodrome in Russia' tells travel; month only: date null")])
# 002 ar
art("https://arabic.sharqnews-online.net/international/russia-korea-treaty-88213", None, "ar",
    "بوتين وكيم يوقعان معاهدة للدفاع المشترك في بيونغ يانغ",
    "بوتين وكيم يوقعان معاهدة للدفاع المشترك في بيونغ يانغ\n"
    "الرئيسية > دولي > آسيا\n"
    "بيونغ يانغ - (وكالات): وقّع الرئيس الروسي فلاديمير بوتين والزعيم الكوري الشمالي كيم جونغ أون، يوم الأربعاء، معاهدة \"الشراكة الاستراتيجية الشاملة\" التي تنص على أن يقدم كل طرف المساعدة العسكرية للآخر فوراً في حال تعرضه لعدوان.\n"
    "وجاء التوقيع في ختام زيارة خاطفة قام بها بوتين إلى العاصمة الكورية الشمالية، حيث حظي باستقبال حافل في ساحة كيم إيل سونغ، وهي الأولى له منذ عام 2000.\n"
    "وقال كيم إن العلاقات بين البلدين ارتقت إلى \"مستوى التحالف\"، فيما أكد بوتين أن موسكو لا تستبعد تطوير تعاون عسكري تقني مع بيونغ يانغ.\n"
    "وفي سيول، أعربت وزارة الخارجية الكورية الجنوبية عن \"قلقها البالغ\" واستدعت السفير الروسي، بينما قالت واشنطن إنها تتابع الأمر عن كثب.\n"
    "ومن المنتظر أن يتوجه بوتين بعد ذلك إلى فيتنام في زيارة دولة.\n"
    "اقرأ أيضا: كوريا الشمالية تطلق صاروخا باليستيا جديدا",
    [ev("AGREE", ["RUS", "PRK"], "وقّع الرئيس الروسي فلاديمير بوتين والزعيم الكوري الشمالي كيم جونغ أون، يوم الأربعاء، معاهدة \"الشراكة الاستراتيجية الشاملة\"", T,
        None, "Pyongyang", ["فلاديمير بوتين", "كيم جونغ أون"], [], instrument="agreement", note="no article date: weekday gives no day"),
     ev("VISIT", ["RUS", "PRK"], "وجاء التوقيع في ختام زيارة خاطفة قام بها بوتين إلى العاصمة الكورية الشمالية، حيث حظي باستقبال حافل في ساحة كيم إيل سونغ", V,
        None, "Pyongyang", ["فلاديمير بوتين"], [], host="PRK", note="city from the dateline")])
# 003 en
art("https://www.eurasia-monitor.org/news/shoigu-pyongyang-kim-talks", "2024-09-14", "en",
    "Shoigu holds talks with Kim in Pyongyang as treaty deepens ties",
    "Shoigu holds talks with Kim in Pyongyang as treaty deepens ties\n"
    "Eurasia Monitor  14.09.2024\n"
    "Sergei Shoigu, the secretary of Russia's Security Council, was received by Kim Jong Un in Pyongyang on Friday, North Korea's state news agency KCNA said on Saturday.\n"
    "Shoigu, a former defence minister who had travelled to the North's capital a year earlier for a military parade, flew in on Thursday at the head of a delegation that included senior security officials.\n"
    "According to KCNA, the sides \"reached a satisfactory consensus\" on strengthening strategic dialogue, and Kim praised the treaty that President Vladimir Putin and he signed in June as a milestone.\n"
    "Moscow and Pyongyang have denied reports by South Korean intelligence that North Korean troops were being readied for deployment to Russia.\n"
    "KCNA also said Kim had accepted an invitation to visit Moscow at a time convenient for both sides.\n"
    "Tags: Russia, North Korea, Security",
    [ev("MEET", ["RUS", "PRK"], "was received by Kim Jong Un in Pyongyang on Friday", "prk-rus/2024-09-13-shoigu-kim-talks-pyongyang",
        "2024-09-13", "Pyongyang", ["Sergei Shoigu", "Kim Jong Un"], []),
     ev("VISIT", ["RUS", "PRK"], "flew in on Thursday at the head of a delegation that included senior security officials", "prk-rus/2024-09-shoigu-visit-pyongyang",
        "2024-09-12", "Pyongyang", ["Sergei Shoigu"], [], host="PRK"),
     ev("AGREE", ["RUS", "PRK"], "Kim praised the treaty that President Vladimir Putin and he signed in June", T,
        None, None, ["Vladimir Putin", "Kim Jong Un"], [], instrument="agreement", confidence="low", note="background; month only"),
     ev("VISIT", ["RUS", "PRK"], "had travelled to the North's capital a year earlier for a military parade", "prk-rus/2023-07-shoigu-visit-pyongyang-parade",
        None, "Pyongyang", ["Sergei Shoigu"], [], host="PRK", confidence="low", note="background trip, 'a year earlier'")])
# 004 ar distractor
art("https://www.khaleej-daily24.com/world/asia/nk-missile-launch-seoul-condemns", "2024-06-26", "ar",
    "سيول تدين إطلاق بيونغ يانغ صاروخا متعدد الرؤوس",
    "سيول تدين إطلاق بيونغ يانغ صاروخا متعدد الرؤوس\n"
    "26 يونيو 2024 - 10:42\n"
    "دانت كوريا الجنوبية، اليوم الأربعاء، إطلاق كوريا الشمالية صاروخا باليستيا قالت بيونغ يانغ إنه يحمل رؤوسا حربية متعددة، معتبرة ذلك \"استفزازا خطيرا\".\n"
    "وقالت هيئة الأركان المشتركة في سيول إن الصاروخ انفجر في الجو بعد وقت قصير من إطلاقه من منطقة قريبة من العاصمة الكورية الشمالية.\n"
    "وجاء الإطلاق بعد أسبوع من زيارة الرئيس الروسي إلى بيونغ يانغ، في وقت تواصل فيه الكوريتان تبادل الاتهامات بشأن البالونات المحملة بالنفايات عبر الحدود.\n"
    "وأعلنت طوكيو أنها قدمت احتجاجا عبر القنوات الدبلوماسية.\n"
    "شارك الخبر: فيسبوك | تويتر | واتساب",
    [], relevant=False)

J = "aze-pak/2024-jf17-block-iii-contract"
# 005 en
art("https://www.dawnline-pk.com/news/azerbaijan-jf17-deal", "2024-06-11", "en",
    None,
    " date 2024-06-11 https://www.dawnline-pk.com/news/azerbaijan-jf17-deal\n"
    "Azerbaijan buys JF-17 Block III jets in $1.6bn deal, officials say\n"
    "ISLAMABAD: Azerbaijan has signed a contract worth $1.6 billion to acquire JF-17C Block III multirole fighters built by the Pakistan Aeronautical Complex at Kamra, two Pakistani officials told this newspaper.\n"
    "The aircraft, co-developed with China's Chengdu Aircraft Corporation, would be the most advanced fighters in Baku's inventory, the officials said, adding that a training package for Azerbaijani pilots and ground crews was part of the agreement.\n"
    "Nigeria and Myanmar already fly earlier versions of the jet.\n"
    "A spokesman for the Inter-Services Public Relations declined to give the number of aircraft involved.\n"
    "Related: PM Shehbaz to attend SCO summit in Astana",
    [ev("ARMS_DEAL", ["AZE", "PAK"], "Azerbaijan has signed a contract worth $1.6 billion to acquire JF-17C Block III multirole fighters built by the Pakistan Aeronautical Complex at Kamra", J,
        None, None, [], ["arms_procurement", "aviation", "training"], value=1600000000, systems=["JF-17"], supplier="PAK", recipient="AZE",
        note="'has signed': no day given; Kamra is the maker's site, not the signing place")])
# 006 ar
art("https://www.alwatan-news-az.com/ar/politics/shehbaz-baku-visit", "2025-02-25", "ar",
    "شهباز شريف في باكو: شراكة تتوسع من الطاقة إلى مقاتلات JF-17",
    "شهباز شريف في باكو: شراكة تتوسع من الطاقة إلى مقاتلات JF-17\n"
    "باكو - 25 فبراير 2025\n"
    "وصل رئيس الوزراء الباكستاني شهباز شريف إلى باكو مساء الاثنين في زيارة رسمية تستغرق يومين، وكان في استقباله بالمطار نائب رئيس الوزراء الأذربيجاني شاهين مصطفاييف.\n"
    "وأجرى شريف اليوم الثلاثاء محادثات مع الرئيس إلهام علييف تناولت التعاون الدفاعي والاستثمارات، ووقع الجانبان عدة مذكرات تفاهم في مجالات التجارة والطاقة والسياحة.\n"
    "وأشاد علييف بالصفقة التي وقعتها بلاده العام الماضي لشراء مقاتلات JF-17 بلوك 3 من باكستان، مشيرا إلى أن قيمتها ارتفعت إلى نحو 4.6 مليار دولار بعد توسيعها.\n"
    "يذكر أن البلدين يرتبطان مع تركيا بإطار تعاون ثلاثي يعقد اجتماعاته بشكل دوري.\n"
    "كلمات مفتاحية: أذربيجان، باكستان",
    [ev("VISIT", ["AZE", "PAK"], "وصل رئيس الوزراء الباكستاني شهباز شريف إلى باكو مساء الاثنين في زيارة رسمية تستغرق يومين", "aze-pak/2025-02-24-shehbaz-visit-baku",
        "2025-02-24", "Baku", ["شهباز شريف", "شاهين مصطفاييف"], [], host="AZE"),
     ev("MEET", ["AZE", "PAK"], "وأجرى شريف اليوم الثلاثاء محادثات مع الرئيس إلهام علييف تناولت التعاون الدفاعي والاستثمارات", "aze-pak/2025-02-25-shehbaz-aliyev-talks-baku",
        "2025-02-25", "Baku", ["شهباز شريف", "إلهام علييف"], ["defense_industry", "investment_other"]),
     ev("ARMS_DEAL", ["AZE", "PAK"], "وأشاد علييف بالصفقة التي وقعتها بلاده العام الماضي لشراء مقاتلات JF-17 بلوك 3 من باكستان", J,
        None, None, [], ["arms_procurement", "aviation"], value=4600000000, systems=["JF-17"], supplier="PAK", recipient="AZE",
        note="background: signed last year; headline figure after expansion 4.6bn (1.6bn at signing); the MoUs are trade/energy/tourism: no AGREE")])

# Sudan-Iran
D = "irn-sdn/2024-mohajer6-drones-delivery"
# 007 ar
art("https://www.sudan-alyoum-news.com/politics/iranian-drones-port-sudan", "2024-01-24", "ar",
    "تقارير: مسيّرات إيرانية تصل إلى بورتسودان لدعم الجيش",
    "تقارير: مسيّرات إيرانية تصل إلى بورتسودان لدعم الجيش\n"
    "الأربعاء 24 يناير 2024\n"
    "تسلّم الجيش السوداني خلال الأسابيع الماضية دفعة من الطائرات المسيّرة الإيرانية من طراز \"مهاجر-6\"، نقلتها طائرة شحن إلى مطار بورتسودان، بحسب ما أفاد مصدران عسكريان.\n"
    "وقال أحد المصدرين إن خبراء إيرانيين رافقوا الشحنة لتجميع الطائرات، وإن الجيش استخدمها في عمليات حول أم درمان.\n"
    "وكانت الخرطوم وطهران قد أعلنتا في أكتوبر الماضي استئناف العلاقات الدبلوماسية المقطوعة منذ 2016.\n"
    "في المقابل، أعلنت قوات الدعم السريع أنها أسقطت مسيّرة تابعة للجيش فوق مدينة الأبيض.\n"
    "ولم يصدر تعليق رسمي من وزارة الخارجية الإيرانية.\n"
    "الأكثر قراءة | تابعونا على تلغرام",
    [ev("ARMS_DEAL", ["IRN", "SDN"], "تسلّم الجيش السوداني خلال الأسابيع الماضية دفعة من الطائرات المسيّرة الإيرانية من طراز \"مهاجر-6\"، نقلتها طائرة شحن إلى مطار بورتسودان", D,
        None, "Port Sudan", [], ["drones", "arms_procurement"], value=None, systems=["Mohajer-6"], supplier="IRN", recipient="SDN",
        note="delivery; 'past weeks' gives no day; restoring diplomatic ties is not a security event")])
# 008 en
art("https://www.middleeast-ledger.com/2024/02/06/sudan-fm-tehran", "2024-02-06", "en",
    "Sudan's foreign minister in Tehran as army leans on Iranian drones",
    "Sudan's foreign minister in Tehran as army leans on Iranian drones\n"
    "February 6, 2024\n"
    "DUBAI - Sudan's acting foreign minister Ali al-Sadiq arrived in Tehran on Sunday, the first visit by a senior Sudanese official since the two countries restored relations last October.\n"
    "He met his Iranian counterpart Hossein Amir-Abdollahian on Monday and later called on President Ebrahim Raisi, Iranian state media reported, without giving details of what was discussed.\n"
    "Western and regional officials say Iran has shipped Mohajer-6 drones to the Sudanese army in recent months, helping it recover ground in Omdurman from the Rapid Support Forces.\n"
    "The RSF, for its part, is accused by the army of receiving support via Chad, a charge both deny.\n"
    "(Reporting by Ledger staff; editing by M. Haddad)",
    [ev("VISIT", ["IRN", "SDN"], "Sudan's acting foreign minister Ali al-Sadiq arrived in Tehran on Sunday", "irn-sdn/2024-02-04-al-sadiq-visit-tehran",
        "2024-02-04", "Tehran", ["Ali al-Sadiq"], [], host="IRN", note="dateline is Dubai, the text places the visit in Tehran"),
     ev("MEET", ["IRN", "SDN"], "He met his Iranian counterpart Hossein Amir-Abdollahian on Monday", "irn-sdn/2024-02-05-al-sadiq-amir-abdollahian-talks",
        "2024-02-05", "Tehran", ["Ali al-Sadiq", "Hossein Amir-Abdollahian"], []),
     ev("MEET", ["IRN", "SDN"], "later called on President Ebrahim Raisi", "irn-sdn/2024-02-05-al-sadiq-raisi-meeting",
        "2024-02-05", "Tehran", ["Ali al-Sadiq", "Ebrahim Raisi"], [], note="'later' continues Monday"),
     ev("ARMS_DEAL", ["IRN", "SDN"], "Western and regional officials say Iran has shipped Mohajer-6 drones to the Sudanese army in recent months", D,
        None, None, [], ["drones"], value=None, systems=["Mohajer-6"], supplier="IRN", recipient="SDN", confidence="low",
        note="reported by officials, not confirmed")])

# Denmark-Ukraine
# 009 en
art("https://www.nordic-times-news.eu/politics/zelensky-skrydstrup-f16", "2023-08-21", "en",
    "Zelensky climbs into F-16 cockpit as Denmark pledges 19 jets",
    "Zelensky climbs into F-16 cockpit as Denmark pledges 19 jets\n"
    "Published 21.08.2023 | Nordic Times\n"
    "Ukrainian President Volodymyr Zelensky was welcomed by Danish Prime Minister Mette Frederiksen at Skrydstrup air base on Sunday, hours after stopping in Eindhoven, where the Netherlands confirmed it would also supply F-16 fighters.\n"
    "Frederiksen told the crowd in a hangar that Denmark would hand over 19 of the American-made jets, the first six around the new year, provided Ukrainian pilots had completed their training.\n"
    "The two leaders later held talks in Copenhagen's Marienborg residence on long-term support.\n"
    "Washington approved the transfer of the aircraft earlier this month.\n"
    "Cookies help us deliver our services. By using them you agree to our use of cookies.",
    [ev("VISIT", ["DNK", "UKR"], "Ukrainian President Volodymyr Zelensky was welcomed by Danish Prime Minister Mette Frederiksen at Skrydstrup air base on Sunday", "dnk-ukr/2023-08-20-zelensky-visit-denmark",
        "2023-08-20", "Skrydstrup", ["Volodymyr Zelensky", "Mette Frederiksen"], [], host="DNK"),
     ev("VISIT", ["NLD", "UKR"], "hours after stopping in Eindhoven, where the Netherlands confirmed it would also supply F-16 fighters", "nld-ukr/2023-08-20-zelensky-visit-eindhoven",
        "2023-08-20", "Eindhoven", ["Volodymyr Zelensky"], [], host="NLD", confidence="low", note="stop told in a subordinate clause"),
     ev("MEET", ["DNK", "UKR"], "The two leaders later held talks in Copenhagen's Marienborg residence on long-term support", "dnk-ukr/2023-08-20-zelensky-frederiksen-talks",
        "2023-08-20", "Copenhagen", ["Volodymyr Zelensky", "Mette Frederiksen"], []),
     ev("ARMS_DEAL", ["DNK", "UKR"], "Frederiksen told the crowd in a hangar that Denmark would hand over 19 of the American-made jets", "dnk-ukr/2023-08-20-f16-pledge",
        None, None, ["Mette Frederiksen"], ["aviation"], value=None, systems=["F-16"], supplier="DNK", recipient="UKR", confidence="low",
        note="official pledge of aid; future hand-over, so optional")])
# 010 ar
art("https://www.alarabiya-now.net/ar/world/europe/ukraine-f16-arrive", "2024-08-05", "ar",
    "زيلينسكي يعرض أولى مقاتلات إف-16 في سماء أوكرانيا",
    "زيلينسكي يعرض أولى مقاتلات إف-16 في سماء أوكرانيا\n"
    "آخر تحديث: 05 أغسطس 2024\n"
    "عرض الرئيس الأوكراني فولوديمير زيلينسكي، الأحد، أولى مقاتلات \"إف-16\" التي تسلمتها بلاده من الدنمارك، معلنا أنها بدأت مهامها في الدفاع عن الأجواء الأوكرانية.\n"
    "ولم يكشف زيلينسكي عن عدد الطائرات التي وصلت، واكتفى بالقول إنها \"ليست كافية\"، داعيا الحلفاء إلى تسريع تدريب الطيارين.\n"
    "وكانت كوبنهاغن قد تعهدت العام الماضي بتزويد كييف بتسع عشرة طائرة، فيما تعهدت هولندا والنرويج وبلجيكا بطائرات أخرى.\n"
    "من جهتها، قالت موسكو إن الطائرات ستصبح \"هدفا مشروعا\" لقواتها.\n"
    "المصدر: وكالات",
    [ev("ARMS_DEAL", ["DNK", "UKR"], "أولى مقاتلات \"إف-16\" التي تسلمتها بلاده من الدنمارك", "dnk-ukr/2024-f16-first-deliveries",
        None, None, ["فولوديمير زيلينسكي"], ["aviation", "air_defense"], value=None, systems=["F-16"], supplier="DNK", recipient="UKR",
        note="the showing was on Sunday; the delivery itself has no day"),
     ev("ARMS_DEAL", ["DNK", "UKR"], "وكانت كوبنهاغن قد تعهدت العام الماضي بتزويد كييف بتسع عشرة طائرة", "dnk-ukr/2023-08-20-f16-pledge",
        None, None, [], ["aviation"], value=None, systems=["F-16"], supplier="DNK", recipient="UKR", confidence="low", note="background pledge")])
# 011 en distractor
art("https://www.copenhagen-post-daily.dk/news/defence-budget-2025", "2025-02-19", "en",
    "Denmark to spend extra 50 billion kroner on defence as Russia threat grows",
    "Denmark to spend extra 50 billion kroner on defence as Russia threat grows\n"
    "February 19, 2025\n"
    "Prime Minister Mette Frederiksen announced on Wednesday an acceleration fund of 50 billion kroner to be spent on air defence, drones and ammunition over the next two years.\n"
    "\"Buy, buy, buy\" was the instruction to the armed forces, Frederiksen said at a press conference in Copenhagen, citing the risk that Russia could test NATO in the Baltic Sea region.\n"
    "Part of the money will go to the Danish defence industry, which has been producing shells for Ukraine under the so-called Danish model of financing.\n"
    "Opposition parties broadly backed the plan.\n"
    "Read more: Greenland election set for March",
    [], relevant=False)

# India-US
# 012 en
art("https://www.hindustan-chronicle.in/world/modi-us-state-visit-ge-hal", "2023-06-23", "en",
    "GE, HAL to make fighter jet engines in India as Modi, Biden hail 'defining partnership'",
    "GE, HAL to make fighter jet engines in India as Modi, Biden hail 'defining partnership'\n"
    "WASHINGTON, June 23 (HC): General Electric's aerospace arm signed a memorandum of understanding with Hindustan Aeronautics Limited to jointly produce F414 engines in India for the Indian Air Force's Light Combat Aircraft Mk2, the company announced on Thursday.\n"
    "The announcement came as Prime Minister Narendra Modi, who landed at Joint Base Andrews on Wednesday evening for his first state visit to the US, was hosted at the White House.\n"
    "In their talks in the Oval Office on Thursday, Modi and President Joe Biden also welcomed India's plan to procure MQ-9B armed drones from General Atomics.\n"
    "Earlier in the week Modi led a yoga session at the UN headquarters in New York.\n"
    "ALSO READ: Indian-Americans gather on South Lawn",
    [ev("AGREE", ["IND", "USA"], "General Electric's aerospace arm signed a memorandum of understanding with Hindustan Aeronautics Limited to jointly produce F414 engines in India", "ind-usa/2023-06-22-ge-hal-f414-mou",
        "2023-06-22", "Washington", [], ["defense_industry", "technology_transfer", "aviation"], instrument="mou", alt_types=["ARMS_DEAL"],
        note="companies of the two states; co-production MoU"),
     ev("VISIT", ["IND", "USA"], "who landed at Joint Base Andrews on Wednesday evening for his first state visit to the US", "ind-usa/2023-06-modi-state-visit-washington",
        "2023-06-21", "Washington", ["Narendra Modi"], [], host="USA", note="Joint Base Andrews; city from the dateline"),
     ev("MEET", ["IND", "USA"], "In their talks in the Oval Office on Thursday, Modi and President Joe Biden", "ind-usa/2023-06-22-modi-biden-talks",
        "2023-06-22", "Washington", ["Narendra Modi", "Joe Biden"], ["arms_procurement", "drones"], note="MQ-9B was only a plan then")])
MQ = "ind-usa/2024-10-15-mq9b-contract"
# 013 ar
art("https://www.alhind-arabic.com/news/india-mq9b-contract", "2024-10-16", "ar",
    "الهند توقع عقدا مع واشنطن لشراء 31 طائرة مسيّرة من طراز MQ-9B",
    "الهند توقع عقدا مع واشنطن لشراء 31 طائرة مسيّرة من طراز MQ-9B\n"
    "نيودلهي - 16 أكتوبر 2024\n"
    "أبرمت وزارة الدفاع الهندية، الثلاثاء في نيودلهي، عقدا مع الحكومة الأمريكية تشتري بموجبه 31 طائرة مسيّرة مسلحة من طراز \"إم كيو-9 بي\" بقيمة تقارب 3.5 مليار دولار.\n"
    "وستذهب 15 طائرة إلى البحرية الهندية، على أن تتقاسم القوات البرية والجوية الطائرات الست عشرة الباقية، فيما ستقيم شركة جنرال أتوميكس الأمريكية منشأة للصيانة والإصلاح في الهند.\n"
    "وكانت المحادثات بشأن الصفقة قد بدأت قبل سنوات، وجرى الإعلان عنها خلال زيارة رئيس الوزراء ناريندرا مودي إلى واشنطن في يونيو 2023.\n"
    "ويأتي العقد في وقت تشهد فيه العلاقات بين نيودلهي وأوتاوا توترا حادا.\n"
    "شارك: | طباعة",
    [ev("ARMS_DEAL", ["IND", "USA"], "أبرمت وزارة الدفاع الهندية، الثلاثاء في نيودلهي، عقدا مع الحكومة الأمريكية تشتري بموجبه 31 طائرة مسيّرة مسلحة من طراز \"إم كيو-9 بي\"", MQ,
        "2024-10-15", "New Delhi", [], ["drones", "arms_procurement", "maritime_security"], value=3500000000, systems=["MQ-9B"], supplier="USA", recipient="IND"),
     ev("VISIT", ["IND", "USA"], "خلال زيارة رئيس الوزراء ناريندرا مودي إلى واشنطن في يونيو 2023", "ind-usa/2023-06-modi-state-visit-washington",
        None, "Washington", ["ناريندرا مودي"], [], host="USA", confidence="low", note="background, month only")])
# 014 en
art("https://defense-brief-asia.com/2024/10/india-seals-general-atomics-drone-buy", None, "en",
    "India seals long-delayed purchase of General Atomics drones",
    "India seals long-delayed purchase of General Atomics drones\n"
    "Defense Brief Asia | Air | Unmanned\n"
    "After more than six years of haggling, New Delhi has finally put pen to paper on a government-to-government deal for 31 MQ-9B remotely piloted aircraft, worth nearly $4 billion including weapons and support.\n"
    "The contract was signed on Tuesday by officials of the Indian defence ministry and the US government in the presence of senior military officers; a separate maintenance agreement was concluded with General Atomics Aeronautical Systems.\n"
    "Of the 31 aircraft, 15 SeaGuardian variants are for the Indian Navy, which has leased two MQ-9As since 2020.\n"
    "Pakistan's foreign office said it was monitoring the acquisition.\n"
    "Subscribe to our newsletter",
    [ev("ARMS_DEAL", ["IND", "USA"], "New Delhi has finally put pen to paper on a government-to-government deal for 31 MQ-9B remotely piloted aircraft, worth nearly $4 billion", MQ,
        None, None, [], ["drones", "arms_procurement"], value=4000000000, systems=["MQ-9B"], supplier="USA", recipient="IND",
        note="no article date: 'on Tuesday' gives no day; the maintenance agreement is part of the deal, not a separate AGREE"),
     ev("ARMS_DEAL", ["IND", "USA"], "which has leased two MQ-9As since 2020", "ind-usa/2020-mq9a-lease",
        None, None, [], ["drones"], value=None, systems=["MQ-9A"], supplier="USA", recipient="IND", confidence="low", note="background lease")])

# Bangladesh-Pakistan
KV = "bgd-pak/2025-01-13-kamrul-hassan-visit-rawalpindi"
KM = "bgd-pak/2025-01-14-kamrul-hassan-munir-meeting"
# 015 en
art("https://www.frontier-post-online.com.pk/national/bangladesh-general-ghq", "2025-01-15", "en",
    "Senior Bangladeshi general meets army chief at GHQ in rare visit",
    "Senior Bangladeshi general meets army chief at GHQ in rare visit\n"
    "RAWALPINDI (Staff Report) - Lieutenant General S.M. Kamrul Hassan, the Principal Staff Officer of Bangladesh's Armed Forces Division, who arrived in Rawalpindi on Monday at the head of a six-member delegation, met Chief of Army Staff General Syed Asim Munir at the General Headquarters on Tuesday.\n"
    "Matters of mutual interest, the regional security situation and avenues of defence collaboration were discussed, the ISPR said, adding that both sides stressed the need for the partnership to remain resilient against external influences.\n"
    "The visiting general also called on Chairman Joint Chiefs of Staff Committee General Sahir Shamshad Mirza, and was briefed on joint training opportunities.\n"
    "The trip is the highest-level military contact between the two countries in years, after Dhaka's interim government eased visa rules for Pakistani nationals.\n"
    "Share on WhatsApp",
    [ev("VISIT", ["BGD", "PAK"], "who arrived in Rawalpindi on Monday at the head of a six-member delegation", KV,
        "2025-01-13", "Rawalpindi", ["S.M. Kamrul Hassan"], [], host="PAK"),
     ev("MEET", ["BGD", "PAK"], "met Chief of Army Staff General Syed Asim Munir at the General Headquarters on Tuesday", KM,
        "2025-01-14", "Rawalpindi", ["S.M. Kamrul Hassan", "Syed Asim Munir"], ["training"]),
     ev("MEET", ["BGD", "PAK"], "The visiting general also called on Chairman Joint Chiefs of Staff Committee General Sahir Shamshad Mirza", "bgd-pak/2025-01-kamrul-hassan-mirza-meeting",
        None, "Rawalpindi", ["S.M. Kamrul Hassan", "Sahir Shamshad Mirza"], ["training", "joint_exercises"], note="no day for this call")])
# 016 ar
art("https://www.bd-arab-observer.com/asia/bangladesh-pakistan-military-ties", None, "ar",
    "باكستان وبنغلاديش.. تقارب عسكري بعد عقود من الفتور",
    "باكستان وبنغلاديش.. تقارب عسكري بعد عقود من الفتور\n"
    "قالت إدارة العلاقات العامة للقوات المسلحة الباكستانية إن قائد الجيش الجنرال عاصم منير استقبل في مقر القيادة العامة بروالبندي الفريق إس إم قمر الحسن، ضابط الأركان الرئيسي في القوات المسلحة البنغلاديشية، الذي يزور باكستان على رأس وفد عسكري.\n"
    "وبحث الجانبان سبل تعزيز التعاون الدفاعي وتبادل الخبرات في مجال التدريب.\n"
    "وفي نوفمبر الماضي، رست سفينة شحن باكستانية في ميناء شيتاغونغ للمرة الأولى منذ استقلال بنغلاديش، في خطوة وصفت بأنها تجارية بحتة.\n"
    "ويرى مراقبون أن الهند تتابع بقلق هذا التقارب بين البلدين.\n"
    "مواضيع ذات صلة",
    [ev("MEET", ["BGD", "PAK"], "قائد الجيش الجنرال عاصم منير استقبل في مقر القيادة العامة بروالبندي الفريق إس إم قمر الحسن", KM,
        None, "Rawalpindi", ["عاصم منير", "إس إم قمر الحسن"], ["training", "expertise_exchange"]),
     ev("VISIT", ["BGD", "PAK"], "الذي يزور باكستان على رأس وفد عسكري", KV,
        None, "Rawalpindi", ["إس إم قمر الحسن"], [], host="PAK", note="place: received in Rawalpindi; cargo ship at Chittagong is trade, no event")])
# 017 en distractor
art("https://www.dhaka-ledger-news.com/business/pakistan-bangladesh-trade", "2025-02-03", "en",
    "Bangladesh, Pakistan agree government-to-government rice trade",
    "Bangladesh, Pakistan agree government-to-government rice trade\n"
    "Dhaka, Feb 3 - Bangladesh will import 50,000 tonnes of rice from Pakistan under the first government-to-government trade deal between the two countries since 1971, the food ministry said on Monday.\n"
    "The Trading Corporation of Pakistan will ship the consignment to Chittagong port in two lots, an official said.\n"
    "Business leaders in both countries have also called for direct flights between Dhaka and Karachi to resume.\n"
    "Relations have warmed since the fall of Sheikh Hasina's government in August.\n"
    "Home | Business | Economy",
    [], relevant=False)

# Serbia-France
R = "fra-srb/2024-08-29-rafale-contract-belgrade"
RV = "fra-srb/2024-08-29-macron-visit-belgrade"
# 018 en
art("https://www.balkan-insight-today.com/2024/08/30/serbia-buys-rafale", "2024-08-30", "en",
    "Serbia buys 12 Rafale jets as Macron visits Belgrade",
    "Serbia buys 12 Rafale jets as Macron visits Belgrade\n"
    "30 August 2024 | BELGRADE\n"
    "Serbia signed a contract on Thursday to purchase 12 Rafale fighter jets from France's Dassault Aviation for 2.7 billion euros (about $3 billion), the centrepiece of a two-day state visit by French President Emmanuel Macron.\n"
    "Macron, who was greeted by President Aleksandar Vucic at the Palace of Serbia, said the purchase showed Belgrade's \"European spirit\", while critics noted that Serbia has bought much of its weaponry from Russia and China.\n"
    "During their meeting at the Serbian presidency the two presidents also witnessed the signing of agreements on nuclear energy and on lithium mining, which Vucic's opponents have called an environmental threat.\n"
    "Deliveries are expected by 2029.\n"
    "Photo: Vucic and Macron at Belgrade airport (Reuters)",
    [ev("ARMS_DEAL", ["FRA", "SRB"], "Serbia signed a contract on Thursday to purchase 12 Rafale fighter jets from France's Dassault Aviation for 2.7 billion euros (about $3 billion)", R,
        "2024-08-29", "Belgrade", ["Emmanuel Macron", "Aleksandar Vucic"], ["arms_procurement", "aviation"], value=3000000000, systems=["Rafale"], supplier="FRA", recipient="SRB"),
     ev("VISIT", ["FRA", "SRB"], "Macron, who was greeted by President Aleksandar Vucic at the Palace of Serbia", RV,
        None, "Belgrade", ["Emmanuel Macron", "Aleksandar Vucic"], [], host="SRB", note="two-day state visit, arrival day not stated; nuclear/lithium agreements are not security"),
     ev("MEET", ["FRA", "SRB"], "During their meeting at the Serbian presidency the two presidents", "fra-srb/2024-08-29-macron-vucic-talks",
        None, "Belgrade", ["Emmanuel Macron", "Aleksandar Vucic"], [], note="no day stated for the meeting")])
# 019 ar
art("https://www.euronews-arabia.net/ar/europe/serbia-rafale-deal", "2024-08-30", "ar",
    "صربيا تشتري 12 مقاتلة رافال فرنسية",
    "صربيا تشتري 12 مقاتلة رافال فرنسية\n"
    "نشر في 30/08/2024\n"
    "بلغراد (أ ف ب) - أعلنت صربيا الخميس شراء 12 طائرة مقاتلة من طراز \"رافال\" من شركة داسو للطيران الفرنسية، في صفقة بقيمة 2,7 مليار يورو وُقّعت بحضور الرئيس إيمانويل ماكرون الذي يزور بلغراد.\n"
    "وقال الرئيس ألكسندر فوتشيتش إن الصفقة \"تاريخية\" وإنها تعكس ثقة بلاده بالصناعة الفرنسية، مضيفا أن بلغراد ستواصل مع ذلك سياسة الحياد العسكري.\n"
    "وتعتمد صربيا منذ سنوات على مقاتلات ميغ-29 روسية الصنع حصلت على بعضها هبة من موسكو ومينسك.\n"
    "كما وقع البلدان اتفاقا في مجال الطاقة النووية المدنية.\n"
    "تابعوا آخر الأخبار",
    [ev("ARMS_DEAL", ["FRA", "SRB"], "أعلنت صربيا الخميس شراء 12 طائرة مقاتلة من طراز \"رافال\" من شركة داسو للطيران الفرنسية، في صفقة بقيمة 2,7 مليار يورو", R,
        "2024-08-29", "Belgrade", ["إيمانويل ماكرون"], ["arms_procurement", "aviation"], value=3000000000, systems=["Rafale"], supplier="FRA", recipient="SRB",
        note="2.7bn euros ~ $3bn"),
     ev("VISIT", ["FRA", "SRB"], "بحضور الرئيس إيمانويل ماكرون الذي يزور بلغراد", RV,
        None, "Belgrade", ["إيمانويل ماكرون"], [], host="SRB", note="no arrival day"),
     ev("ARMS_DEAL", ["RUS", "SRB"], "تعتمد صربيا منذ سنوات على مقاتلات ميغ-29 روسية الصنع حصلت على بعضها هبة من موسكو ومينسك", "rus-srb/mig29-donation",
        None, None, [], ["aviation"], value=None, systems=["MiG-29"], supplier="RUS", recipient="SRB", confidence="low", note="background list; Belarus also")])
# 020 en
art("https://www.aerotime-daily.aero/defence/serbia-rafale-12", None, "en",
    "Dassault lands first Rafale order from a non-NATO European state",
    "Dassault lands first Rafale order from a non-NATO European state\n"
    "Defence | Fighters\n"
    "Belgrade has become the latest Rafale customer. A €2.7 billion contract for nine single-seat and three two-seat aircraft, with a weapons and training package, was inked in the Serbian capital on Thursday in the presence of Presidents Vucic and Macron.\n"
    "The purchase, first floated in 2022, had been held up by negotiations over financing and offsets.\n"
    "Serbia will be Dassault's tenth export customer after Egypt, Qatar, India, Greece, Croatia, the United Arab Emirates, Indonesia and others.\n"
    "Budapest and Zagreb reacted cautiously.\n"
    "More in Defence: Croatia receives last of its 12 Rafales",
    [ev("ARMS_DEAL", ["FRA", "SRB"], "A €2.7 billion contract for nine single-seat and three two-seat aircraft, with a weapons and training package, was inked in the Serbian capital on Thursday", R,
        None, "Belgrade", ["Aleksandar Vucic", "Emmanuel Macron"], ["arms_procurement", "aviation", "training"], value=3000000000, systems=["Rafale"], supplier="FRA", recipient="SRB",
        note="no article date: weekday gives no day; customer list is not events")])

# Armenia-France
# 021 en
art("https://www.armenpress-news.am/en/article/caesar-contract-paris", "2024-06-18", "en",
    "Armenia signs contract for 36 CAESAR howitzers with France",
    "Armenia signs contract for 36 CAESAR howitzers with France\n"
    "YEREVAN, JUNE 18, ARMNEWS. Armenia's Defence Minister Suren Papikyan and his French counterpart Sebastien Lecornu signed a contract for the supply of 36 CAESAR self-propelled howitzers on Tuesday, on the sidelines of the Eurosatory exhibition in Paris.\n"
    "The guns are made by KNDS France. Lecornu said the deal showed that France \"assumes\" its support for Armenia's defence.\n"
    "The ministers also reviewed the delivery schedule of the Thales GM200 radars ordered last October, and Papikyan recalled that the first Bastion armoured vehicles had reached Armenia through Georgia in 2023.\n"
    "Azerbaijan's foreign ministry said Paris was \"arming Armenia\" and fuelling tension in the South Caucasus.\n"
    "Print | Share",
    [ev("ARMS_DEAL", ["ARM", "FRA"], "signed a contract for the supply of 36 CAESAR self-propelled howitzers on Tuesday, on the sidelines of the Eurosatory exhibition in Paris", "arm-fra/2024-06-18-caesar-contract-paris",
        "2024-06-18", "Paris", ["Suren Papikyan", "Sebastien Lecornu"], ["arms_procurement"], value=None, systems=["CAESAR"], supplier="FRA", recipient="ARM",
        note="dateline Yerevan, the text places the signing in Paris"),
     ev("ARMS_DEAL", ["ARM", "FRA"], "the Thales GM200 radars ordered last October", "arm-fra/2023-10-gm200-radars-contract",
        None, None, [], ["air_defense"], value=None, systems=["GM200"], supplier="FRA", recipient="ARM", confidence="low", note="background"),
     ev("ARMS_DEAL", ["ARM", "FRA"], "the first Bastion armoured vehicles had reached Armenia through Georgia in 2023", "arm-fra/2023-bastion-delivery",
        None, None, [], [], value=None, systems=["Bastion"], supplier="FRA", recipient="ARM", confidence="low", note="background delivery; Georgia is transit"),
     ev("MEET", ["ARM", "FRA"], "The ministers also reviewed the delivery schedule", "arm-fra/2024-06-18-papikyan-lecornu-meeting-paris",
        "2024-06-18", "Paris", ["Suren Papikyan", "Sebastien Lecornu"], ["arms_procurement"], confidence="low", note="talks implied at the signing")])
# 022 ar
art("https://www.aljazeera-today.net/ar/news/lecornu-yerevan", "2024-02-23", "ar",
    "وزير الجيوش الفرنسي في يريفان: دعم دفاعي لأرمينيا",
    "وزير الجيوش الفرنسي في يريفان: دعم دفاعي لأرمينيا\n"
    "23/2/2024\n"
    "استقبل وزير الدفاع الأرميني سورين بابيكيان في يريفان أمس الخميس نظيره الفرنسي سيباستيان لوكورنو، في أول زيارة يقوم بها وزير جيوش فرنسي إلى أرمينيا.\n"
    "وبحث الوزيران تطوير التعاون العسكري التقني، وأعلن لوكورنو أن باريس ستدرب عسكريين أرمينيين وأنها ستسلم يريفان قريبا ثلاثة رادارات إضافية.\n"
    "كما التقى الوزير الفرنسي رئيس الوزراء نيكول باشينيان الذي أكد أهمية \"تنويع الشراكات الأمنية\"، في إشارة إلى تراجع الاعتماد على روسيا.\n"
    "ووصف متحدث باسم الخارجية الأذربيجانية الزيارة بأنها \"استفزازية\".\n"
    "شارك المقال",
    [ev("VISIT", ["ARM", "FRA"], "استقبل وزير الدفاع الأرميني سورين بابيكيان في يريفان أمس الخميس نظيره الفرنسي سيباستيان لوكورنو، في أول زيارة", "arm-fra/2024-02-22-lecornu-visit-yerevan",
        "2024-02-22", "Yerevan", ["سورين بابيكيان", "سيباستيان لوكورنو"], [], host="ARM"),
     ev("MEET", ["ARM", "FRA"], "وبحث الوزيران تطوير التعاون العسكري التقني", "arm-fra/2024-02-22-papikyan-lecornu-talks-yerevan",
        "2024-02-22", "Yerevan", ["سورين بابيكيان", "سيباستيان لوكورنو"], ["technology_transfer", "training"], note="reception in a talks context; training and radars are plans"),
     ev("MEET", ["ARM", "FRA"], "كما التقى الوزير الفرنسي رئيس الوزراء نيكول باشينيان", "arm-fra/2024-02-lecornu-pashinyan-meeting",
        None, "Yerevan", ["سيباستيان لوكورنو", "نيكول باشينيان"], [], note="no day for this meeting")])

# Saudi-Korea
CH = "kor-sau/2024-02-06-cheongung-ii-contract-riyadh"
# 023 en
art("https://www.koreaherald-daily.kr/national/defense/lig-nex1-saudi-cheongung", "2024-02-07", "en",
    "LIG Nex1 wins $3.2bn Saudi order for Cheongung II air defence",
    "LIG Nex1 wins $3.2bn Saudi order for Cheongung II air defence\n"
    "Published: Feb. 7, 2024 - 15:20\n"
    "South Korea's LIG Nex1 has clinched a 4.25 trillion won ($3.2 billion) deal to supply its Cheongung II medium-range surface-to-air missile system to Saudi Arabia, the defence ministry in Seoul said Wednesday.\n"
    "The contract was signed on Tuesday at the World Defense Show in Riyadh, which Defence Minister Shin Won-sik attended after landing in the Saudi capital on Sunday.\n"
    "Shin sat down with his Saudi counterpart Prince Khalid bin Salman on Monday and the two discussed co-production of weapons and technology transfer.\n"
    "The UAE ordered the same system in 2022 and Iraq followed with a similar deal.\n"
    "By Kim Ji-hoon (jhkim@koreaherald-daily.kr)",
    [ev("ARMS_DEAL", ["KOR", "SAU"], "The contract was signed on Tuesday at the World Defense Show in Riyadh", CH,
        "2024-02-06", "Riyadh", [], ["air_defense", "arms_procurement"], value=3200000000, systems=["Cheongung II"], supplier="KOR", recipient="SAU"),
     ev("VISIT", ["KOR", "SAU"], "Defence Minister Shin Won-sik attended after landing in the Saudi capital on Sunday", "kor-sau/2024-02-04-shin-won-sik-visit-riyadh",
        "2024-02-04", "Riyadh", ["Shin Won-sik"], [], host="SAU"),
     ev("MEET", ["KOR", "SAU"], "Shin sat down with his Saudi counterpart Prince Khalid bin Salman on Monday", "kor-sau/2024-02-05-shin-khalid-bin-salman-talks",
        "2024-02-05", "Riyadh", ["Shin Won-sik", "Khalid bin Salman"], ["defense_industry", "technology_transfer"]),
     ev("ARMS_DEAL", ["ARE", "KOR"], "The UAE ordered the same system in 2022", "are-kor/2022-cheongung-ii-contract",
        None, None, [], ["air_defense"], value=None, systems=["Cheongung II"], supplier="KOR", recipient="ARE", confidence="low", note="background comparison")])
# 024 ar
art("https://www.riyadh-alaan.com/news/saudi-korean-air-defense-deal", None, "ar",
    "السعودية تتعاقد على منظومة دفاع جوي كورية",
    "السعودية تتعاقد على منظومة دفاع جوي كورية\n"
    "الرياض - واس\n"
    "وقّعت وزارة الدفاع على هامش معرض الدفاع العالمي 2024 عقدا مع شركة إل آي جي نكس ون الكورية الجنوبية لتوريد منظومة الدفاع الجوي متوسطة المدى \"تشونغونغ-2\"، بقيمة 3.2 مليار دولار.\n"
    "ويشمل العقد نقل جزء من التصنيع إلى المملكة بالتعاون مع الشركة السعودية للصناعات العسكرية، ضمن مستهدفات توطين 50 في المائة من الإنفاق العسكري.\n"
    "وشهد المعرض توقيع عشرات الاتفاقيات مع شركات أمريكية وأوروبية وصينية.\n"
    "ذات صلة: الهيئة العامة للصناعات العسكرية تعلن نتائج المعرض",
    [ev("ARMS_DEAL", ["KOR", "SAU"], "وقّعت وزارة الدفاع على هامش معرض الدفاع العالمي 2024 عقدا مع شركة إل آي جي نكس ون الكورية الجنوبية لتوريد منظومة الدفاع الجوي متوسطة المدى", CH,
        None, "Riyadh", [], ["air_defense", "arms_procurement", "defense_industry", "technology_transfer"], value=3200000000, systems=["Cheongung II"], supplier="KOR", recipient="SAU",
        note="city from the dateline")])
# 025 ar Egypt-Korea K9
art("https://www.masr-alyoum-news.com/politics/egypt-k9-hanwha", "2022-02-02", "ar",
    "مصر توقع صفقة مدافع \"كيه 9\" مع كوريا الجنوبية بـ1.7 مليار دولار",
    "مصر توقع صفقة مدافع \"كيه 9\" مع كوريا الجنوبية بـ1.7 مليار دولار\n"
    "الأربعاء، 02 فبراير 2022 11:05 ص\n"
    "شهدت القاهرة أمس الثلاثاء توقيع عقد بين وزارة الإنتاج الحربي وشركة هانوا ديفنس الكورية الجنوبية لتوريد وتصنيع مدافع الهاوتزر ذاتية الحركة \"كيه 9\" في مصر، بقيمة تتجاوز 1.7 مليار دولار.\n"
    "ويقضي العقد بتصنيع جزء من المدافع في المصانع المصرية ونقل التكنولوجيا، وهو أكبر صفقة سلاح كورية مع دولة أفريقية.\n"
    "وكان الرئيس الكوري الجنوبي مون جاي إن قد زار القاهرة الشهر الماضي، حيث عقد مباحثات مع الرئيس عبد الفتاح السيسي ركزت على التعاون في الصناعات الدفاعية.\n"
    "ويأتي ذلك بعد أن جمّدت القاهرة صفقة مقاتلات سوخوي-35 الروسية تحت ضغط التهديد بعقوبات أمريكية.\n"
    "اقرأ أيضا | طالع المزيد",
    [ev("ARMS_DEAL", ["EGY", "KOR"], "شهدت القاهرة أمس الثلاثاء توقيع عقد بين وزارة الإنتاج الحربي وشركة هانوا ديفنس الكورية الجنوبية لتوريد وتصنيع مدافع الهاوتزر ذاتية الحركة \"كيه 9\" في مصر", "egy-kor/2022-02-01-k9-contract-cairo",
        "2022-02-01", "Cairo", [], ["arms_procurement", "defense_industry", "technology_transfer"], value=1700000000, systems=["K9"], supplier="KOR", recipient="EGY"),
     ev("VISIT", ["EGY", "KOR"], "وكان الرئيس الكوري الجنوبي مون جاي إن قد زار القاهرة الشهر الماضي", "egy-kor/2022-01-moon-visit-cairo",
        None, "Cairo", ["مون جاي إن"], [], host="EGY", note="background, month only"),
     ev("MEET", ["EGY", "KOR"], "حيث عقد مباحثات مع الرئيس عبد الفتاح السيسي ركزت على التعاون في الصناعات الدفاعية", "egy-kor/2022-01-moon-sisi-talks-cairo",
        None, "Cairo", ["مون جاي إن", "عبد الفتاح السيسي"], ["defense_industry"], note="frozen Su-35 deal: no event")])
# Poland-US
# 026 en
art("https://www.warsaw-defence-journal.pl/2024/08/apache-contract-signed", "2024-08-13", "en",
    "Poland signs $10 billion deal for 96 Apache attack helicopters",
    "Poland signs $10 billion deal for 96 Apache attack helicopters\n"
    "13.08.2024 | Land | Aviation\n"
    "Poland on Tuesday signed a contract with the United States for 96 AH-64E Apache Guardian attack helicopters, in a deal that Deputy Prime Minister and Defence Minister Wladyslaw Kosiniak-Kamysz said was worth close to $10 billion.\n"
    "The agreement, concluded under the Foreign Military Sales procedure at the 1st Army Aviation Brigade base in Inowroclaw, covers training, logistics support and Hellfire and JAGM missiles; Boeing and Lockheed Martin are the main contractors.\n"
    "Until the first helicopters arrive in 2028, US Army Apaches stationed in Poland will be used to train Polish crews.\n"
    "Warsaw has also ordered K2 tanks and K9 howitzers from South Korea since 2022, as it rearms in response to Russia's invasion of Ukraine.\n"
    "Comments (12)",
    [ev("ARMS_DEAL", ["POL", "USA"], "Poland on Tuesday signed a contract with the United States for 96 AH-64E Apache Guardian attack helicopters", "pol-usa/2024-08-13-apache-contract",
        "2024-08-13", "Inowroclaw", ["Wladyslaw Kosiniak-Kamysz"], ["arms_procurement", "aviation", "training", "logistics"], value=10000000000, systems=["AH-64E Apache"], supplier="USA", recipient="POL"),
     ev("TRAINING", ["POL", "USA"], "US Army Apaches stationed in Poland will be used to train Polish crews", "pol-usa/2024-apache-crew-training-plan",
        None, None, [], ["training"], confidence="low", note="future arrangement: optional"),
     ev("ARMS_DEAL", ["KOR", "POL"], "Warsaw has also ordered K2 tanks and K9 howitzers from South Korea since 2022", "kor-pol/2022-k2-k9-orders",
        None, None, [], ["arms_procurement"], value=None, systems=["K2", "K9"], supplier="KOR", recipient="POL", confidence="low", note="background")])
# 027 ar
art("https://www.alittihad-world.com/europe/poland-abrams-arrive", "2024-01-22", "ar",
    "دفعة جديدة من دبابات أبرامز الأمريكية تصل إلى بولندا",
    "دفعة جديدة من دبابات أبرامز الأمريكية تصل إلى بولندا\n"
    "22 يناير 2024 | وارسو - رويترز\n"
    "وصلت إلى ميناء شتشيتسين على بحر البلطيق دفعة من دبابات \"أبرامز إم1 إيه1\" المستعملة التي اشترتها بولندا من الولايات المتحدة، في إطار صفقة تشمل 116 دبابة، وفق ما أعلنته وزارة الدفاع البولندية اليوم الاثنين.\n"
    "وقال الوزير فواديسواف كوسينياك-كاميش إن الدبابات ستنقل إلى لواء مدرع في شرق البلاد، وإن أطقمها أنهت دورات تدريبية على يد مدربين أمريكيين في قاعدة بيمسكو.\n"
    "وكانت وارسو قد تسلمت في العام الماضي الدفعة الأولى من الصفقة نفسها.\n"
    "وتخطط بولندا لرفع إنفاقها العسكري إلى أكثر من 4 في المائة من ناتجها المحلي.",
    [ev("ARMS_DEAL", ["POL", "USA"], "وصلت إلى ميناء شتشيتسين على بحر البلطيق دفعة من دبابات \"أبرامز إم1 إيه1\" المستعملة التي اشترتها بولندا من الولايات المتحدة", "pol-usa/2024-01-abrams-m1a1-delivery-szczecin",
        None, "Szczecin", [], ["arms_procurement"], value=None, systems=["M1A1 Abrams"], supplier="USA", recipient="POL",
        note="the ministry announced it on Monday; the arrival has no day"),
     ev("TRAINING", ["POL", "USA"], "وإن أطقمها أنهت دورات تدريبية على يد مدربين أمريكيين في قاعدة بيمسكو", "pol-usa/2024-abrams-crew-training-biedrusko",
        None, "Biedrusko", [], ["training"]),
     ev("ARMS_DEAL", ["POL", "USA"], "وكانت وارسو قد تسلمت في العام الماضي الدفعة الأولى من الصفقة نفسها", "pol-usa/2023-abrams-m1a1-first-delivery",
        None, None, [], ["arms_procurement"], value=None, systems=["M1A1 Abrams"], supplier="USA", recipient="POL", confidence="low", note="background")])
# Exercise CHN-IRN-RUS
EX = "chn-irn/2024-03-12-maritime-security-belt-2024"
# 028 en
art("https://www.tehran-times-daily.ir/news/security-belt-2024-chabahar", "2024-03-13", "en",
    "Iran, Russia, China launch 'Maritime Security Belt 2024' drill",
    "Iran, Russia, China launch 'Maritime Security Belt 2024' drill\n"
    "March 13, 2024 - 18:30\n"
    "CHABAHAR - Naval forces of Iran, Russia and China kicked off the joint \"Maritime Security Belt 2024\" exercise in the northern Indian Ocean off the port of Chabahar on Tuesday, the Iranian navy said.\n"
    "More than 20 vessels, including the Russian cruiser Varyag and Chinese destroyer Urumqi, are taking part, alongside helicopters and naval special forces of the three countries.\n"
    "Observers from Azerbaijan, Kazakhstan, Pakistan, Oman, India and South Africa were invited to watch the drills, which focus on countering piracy and protecting shipping.\n"
    "The exercise has been held annually since 2019.\n"
    "Keywords: navy, Chabahar, drill",
    [ev("EXERCISE", ["CHN", "IRN", "RUS"], "Naval forces of Iran, Russia and China kicked off the joint \"Maritime Security Belt 2024\" exercise in the northern Indian Ocean off the port of Chabahar on Tuesday", EX,
        "2024-03-12", "Chabahar", [], ["joint_exercises", "maritime_security"], note="observers are not parties")])
# 029 ar
art("https://www.almayadeen-news.net/ar/iran-russia-china-naval-drill", "2024-03-12", "ar",
    "انطلاق مناورات \"حزام الأمن البحري\" بين إيران وروسيا والصين",
    "انطلاق مناورات \"حزام الأمن البحري\" بين إيران وروسيا والصين\n"
    "12 آذار 2024\n"
    "انطلقت اليوم في مياه شمال المحيط الهندي قبالة ميناء تشابهار المناورات البحرية المشتركة \"حزام الأمن البحري 2024\"، بمشاركة وحدات من بحريات إيران وروسيا والصين.\n"
    "وقال المتحدث باسم المناورات الأدميرال مصطفى تاج الديني إن التدريبات تشمل تحرير سفن مختطفة ومكافحة القرصنة وعمليات إنقاذ.\n"
    "وتأتي المناورات في وقت تصاعدت فيه هجمات قوات صنعاء على السفن في البحر الأحمر.\n"
    "تابعونا على",
    [ev("EXERCISE", ["CHN", "IRN", "RUS"], "انطلقت اليوم في مياه شمال المحيط الهندي قبالة ميناء تشابهار المناورات البحرية المشتركة \"حزام الأمن البحري 2024\"", EX,
        "2024-03-12", "Chabahar", ["مصطفى تاج الديني"], ["joint_exercises", "maritime_security", "counterterrorism"])])
# Russia-Equatorial Guinea trainers
GT = "gnq-rus/2024-08-russian-instructors-malabo"
# 030 en
art("https://www.africa-intel-wire.com/central-africa/russian-instructors-equatorial-guinea", "2024-08-30", "en",
    "Russian military instructors deployed to Equatorial Guinea",
    "Russian military instructors deployed to Equatorial Guinea\n"
    "Africa Intel Wire | 30 August 2024\n"
    "Around 200 Russian military instructors have been flown into Malabo to train Equatorial Guinea's presidential guard and protect President Teodoro Obiang Nguema, according to several sources in the country.\n"
    "The trainers, said to belong to the defence ministry's Africa Corps, arrived in early August, one source said; neither government has commented.\n"
    "Obiang's son, Vice-President Teodoro Nguema Obiang Mangue, held talks with Russian officials during a trip to Moscow last year.\n"
    "The deployment would give Moscow a foothold on the Gulf of Guinea, where the US has sought to keep China from opening a naval base.\n"
    "Newsletter | Contact",
    [ev("TRAINING", ["GNQ", "RUS"], "Around 200 Russian military instructors have been flown into Malabo to train Equatorial Guinea's presidential guard", GT,
        None, "Malabo", [], ["training"]),
     ev("VISIT", ["GNQ", "RUS"], "held talks with Russian officials during a trip to Moscow last year", "gnq-rus/2023-obiang-mangue-visit-moscow",
        None, "Moscow", ["Teodoro Nguema Obiang Mangue"], [], host="RUS", confidence="low", alt_types=["MEET"], note="background, year only")])
# 031 ar
art("https://www.sahel-akhbar.com/ar/russia-equatorial-guinea-trainers", "2024-08-31", "ar",
    "مدربون عسكريون روس في غينيا الاستوائية لحماية الرئيس أوبيانغ",
    "مدربون عسكريون روس في غينيا الاستوائية لحماية الرئيس أوبيانغ\n"
    "مالابو - السبت 31 أغسطس 2024\n"
    "كشفت مصادر محلية أن نحو مئتي عسكري روسي وصلوا خلال الأسابيع الأخيرة إلى مالابو، عاصمة غينيا الاستوائية، لتدريب قوات الحرس الرئاسي.\n"
    "وأوضحت المصادر أن المدربين تابعون لـ\"الفيلق الأفريقي\" الذي حل محل مجموعة فاغنر، وأنهم سيقيمون دورات في الرماية وحماية الشخصيات.\n"
    "ولم تؤكد حكومة مالابو الخبر، فيما رفضت السفارة الروسية التعليق.\n"
    "وتنتشر قوات روسية مماثلة في مالي والنيجر وبوركينا فاسو وجمهورية أفريقيا الوسطى.\n"
    "الأكثر مشاهدة",
    [ev("TRAINING", ["GNQ", "RUS"], "نحو مئتي عسكري روسي وصلوا خلال الأسابيع الأخيرة إلى مالابو، عاصمة غينيا الاستوائية، لتدريب قوات الحرس الرئاسي", GT,
        None, "Malabo", [], ["training"], note="the list of other countries is background without an event")])
# Pakistan-Turkiye committee
HL = "pak-tur/2024-hlmdg-17th-round-ankara"
# 032 en
art("https://www.pakobserver-daily.net/pakistan-turkiye-military-dialogue", "2024-11-28", "en",
    "Pakistan, Türkiye review defence cooperation at High-Level Military Dialogue",
    "Pakistan, Türkiye review defence cooperation at High-Level Military Dialogue\n"
    "Islamabad, Nov 28 - The 17th round of the Pakistan-Türkiye High-Level Military Dialogue Group was held in Ankara, with the two delegations led by Pakistan's Chief of General Staff and Türkiye's Deputy Chief of the General Staff, the ISPR said on Thursday.\n"
    "The forum reviewed progress on the MILGEM corvette programme, joint training and counter-terrorism cooperation, and agreed to meet next year in Rawalpindi.\n"
    "The second ship of the programme, PNS Badr, was launched at Karachi Shipyard in 2022, while the first, PNS Babur, was handed over to the Pakistan Navy at Istanbul in September 2023.\n"
    "India has voiced concern over the growing Turkish-Pakistani defence ties.\n"
    "Also read: COAS visits Turkish defence firms",
    [ev("COMMITTEE", ["PAK", "TUR"], "The 17th round of the Pakistan-Türkiye High-Level Military Dialogue Group was held in Ankara", HL,
        None, "Ankara", [], ["defense_industry", "training", "counterterrorism"], note="'said on Thursday' dates the statement, not the session"),
     ev("ARMS_DEAL", ["PAK", "TUR"], "the first, PNS Babur, was handed over to the Pakistan Navy at Istanbul in September 2023", "pak-tur/2023-09-pns-babur-delivery-istanbul",
        None, "Istanbul", [], ["maritime_security"], value=None, systems=["Babur-class corvette"], supplier="TUR", recipient="PAK",
        note="background delivery, month only; a launch at Karachi is not a delivery")])
# 033 ar
art("https://www.anadolu-arabi.com/ar/turkey/pakistan-military-dialogue-ankara", None, "ar",
    "أنقرة تحتضن اجتماع مجموعة الحوار العسكري رفيع المستوى مع باكستان",
    "أنقرة تحتضن اجتماع مجموعة الحوار العسكري رفيع المستوى مع باكستان\n"
    "أنقرة / الأناضول\n"
    "عقدت مجموعة الحوار العسكري رفيع المستوى بين تركيا وباكستان اجتماعها السابع عشر في العاصمة أنقرة، برئاسة نائب رئيس الأركان العامة التركي ورئيس هيئة الأركان العامة الباكستاني.\n"
    "وناقش المجتمعون مشاريع الصناعات الدفاعية المشتركة وفي مقدمتها مشروع سفن \"ميلغم\"، إضافة إلى التعاون في مكافحة الإرهاب.\n"
    "ومن المقرر أن تستضيف باكستان الاجتماع المقبل للمجموعة.\n"
    "وكان الرئيس رجب طيب أردوغان قد استقبل رئيس الوزراء الباكستاني في إسطنبول في وقت سابق من العام.",
    [ev("COMMITTEE", ["PAK", "TUR"], "عقدت مجموعة الحوار العسكري رفيع المستوى بين تركيا وباكستان اجتماعها السابع عشر في العاصمة أنقرة", HL,
        None, "Ankara", [], ["defense_industry", "counterterrorism"]),
     ev("MEET", ["PAK", "TUR"], "وكان الرئيس رجب طيب أردوغان قد استقبل رئيس الوزراء الباكستاني في إسطنبول في وقت سابق من العام", "pak-tur/2024-erdogan-receives-pakistani-pm-istanbul",
        None, "Istanbul", ["رجب طيب أردوغان"], [], confidence="low", alt_types=["VISIT"], note="background reception; next meeting is a plan")])
# 034 ar distractor
art("https://www.irna-arabic-news.ir/economy/gazprom-iran-gas-mou", "2024-06-27", "ar",
    "غازبروم وإيران توقعان مذكرة لتوريد الغاز الروسي",
    "غازبروم وإيران توقعان مذكرة لتوريد الغاز الروسي\n"
    "طهران - 27 حزيران/يونيو 2024\n"
    "وقعت شركة غازبروم الروسية والشركة الوطنية الإيرانية للغاز، الأربعاء في طهران، مذكرة تفاهم استراتيجية لتوريد الغاز الطبيعي الروسي إلى إيران عبر أذربيجان.\n"
    "وقال رئيس غازبروم أليكسي ميلر، الذي التقى وزير النفط الإيراني جواد أوجي، إن الكميات قد تصل إلى 55 مليون متر مكعب يوميا.\n"
    "ويأتي الاتفاق في إطار سعي البلدين الخاضعين للعقوبات الغربية إلى تعزيز التعاون في مجال الطاقة والتجارة.\n"
    "المزيد من الاقتصاد",
    [], relevant=False)
# 035 en distractor (hostile)
art("https://www.caucasus-report.net/azerbaijan-russia-plane-row", "2025-07-01", "en",
    "Azerbaijan cancels Russian cultural events as row over deaths deepens",
    "Azerbaijan cancels Russian cultural events as row over deaths deepens\n"
    "BAKU, July 1 - Azerbaijan has cancelled all cultural events organised by Russian state bodies and detained several employees of the Sputnik Azerbaijan news agency, after two Azerbaijani brothers died in police custody in Yekaterinburg.\n"
    "Moscow summoned Azerbaijan's ambassador on Tuesday to protest the arrests, the Russian foreign ministry said.\n"
    "Relations had already been strained by the downing of an Azerbaijan Airlines passenger jet over Russia in December, which Baku blamed on Russian air defences.\n"
    "President Ilham Aliyev has also cancelled a planned trip to Moscow for the Victory Day parade.\n"
    "Share | Print",
    [], relevant=False)
# 036 ar distractor
art("https://www.aleqtisadiah-today.com/real-estate/korean-housing-riyadh", "2024-05-14", "ar",
    "شركة كورية تفوز بعقد لبناء 10 آلاف وحدة سكنية في الرياض",
    "شركة كورية تفوز بعقد لبناء 10 آلاف وحدة سكنية في الرياض\n"
    "الثلاثاء 14 مايو 2024\n"
    "فازت شركة سامسونغ سي آند تي الكورية الجنوبية بعقد من الشركة الوطنية للإسكان لتنفيذ مشروع يضم 10 آلاف وحدة سكنية شمال الرياض، بقيمة تقارب 1.5 مليار دولار.\n"
    "وقال مسؤول في الشركة إن التنفيذ سيبدأ نهاية العام، بالشراكة مع مقاولين سعوديين.\n"
    "ويأتي العقد ضمن سلسلة مشاريع فازت بها شركات كورية في المملكة، من بينها أعمال في مدينة نيوم.\n"
    "أخبار ذات صلة",
    [], relevant=False)
# 037 en planned only
art("https://www.news-az-today.com/en/politics/hasanov-islamabad-planned", "2025-03-03", "en",
    "Azerbaijan's defence minister to visit Pakistan next week",
    "Azerbaijan's defence minister to visit Pakistan next week\n"
    "Baku, March 3 - Defence Minister Colonel General Zakir Hasanov is scheduled to travel to Islamabad next week for talks with Pakistan's military leadership, the ministry said on Monday.\n"
    "The visit is expected to focus on the JF-17 programme and on a possible trilateral exercise with Türkiye, a ministry official said, without giving dates.\n"
    "An invitation to attend Pakistan Day celebrations on March 23 has also been extended to Azerbaijani troops.\n"
    "Read also: Azerbaijan, Türkiye hold joint drills in Nakhchivan",
    [])
# 038 ar cancelled/suspended + background
art("https://www.cairo-24-news.com/ar/egypt-su35-shelved", None, "ar",
    "صفقة سوخوي-35 المصرية: من التعاقد إلى التجميد",
    "صفقة سوخوي-35 المصرية: من التعاقد إلى التجميد\n"
    "تقارير | عسكرية\n"
    "أفادت مصادر مطلعة بأن القاهرة علقت رسميا صفقة شراء نحو عشرين مقاتلة \"سوخوي-35\" روسية، كانت قد أبرمتها مع موسكو عام 2018، وذلك بعد تلويح واشنطن بفرض عقوبات.\n"
    "وذكرت المصادر أن بعض الطائرات التي صنعت لمصر ظهرت لاحقا في قاعدة روسية، في حين ألغيت خطط تدريب الطيارين المصريين في روسيا.\n"
    "وكانت مصر قد تسلمت بين عامي 2017 و2020 نحو خمسين مقاتلة \"ميغ-29 إم\" من روسيا.\n"
    "في المقابل، يتجه سلاح الجو المصري إلى تعزيز أسطوله بمقاتلات رافال الفرنسية الإضافية.\n"
    "اقرأ أيضا",
    [ev("ARMS_DEAL", ["EGY", "RUS"], "وكانت مصر قد تسلمت بين عامي 2017 و2020 نحو خمسين مقاتلة \"ميغ-29 إم\" من روسيا", "egy-rus/2017-2020-mig29m-deliveries",
        None, None, [], ["aviation"], value=None, systems=["MiG-29M"], supplier="RUS", recipient="EGY", confidence="low",
        note="background delivery; the Su-35 deal is suspended: no event; Rafale is a plan")])

for a, g in ARTS:
    n = a["id"]
    (OUT / "articles" / f"{n}.json").write_text(json.dumps(a, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (OUT / "gold" / f"{n}.json").write_text(json.dumps(g, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(len(ARTS))
