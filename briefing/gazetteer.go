package briefing

import "strings"

// places maps place names, in lower case, to the name the engine reports.
var places = map[string]string{
	"afghanistan": "Afghanistan", "albania": "Albania", "algeria": "Algeria", "argentina": "Argentina",
	"armenia": "Armenia", "australia": "Australia", "austria": "Austria", "azerbaijan": "Azerbaijan",
	"bahrain": "Bahrain", "bangladesh": "Bangladesh", "belarus": "Belarus", "belgium": "Belgium",
	"bolivia": "Bolivia", "bosnia": "Bosnia", "brazil": "Brazil", "bulgaria": "Bulgaria", "cambodia": "Cambodia",
	"cameroon": "Cameroon", "canada": "Canada", "chad": "Chad", "chile": "Chile", "china": "China",
	"colombia": "Colombia", "congo": "Congo", "croatia": "Croatia", "cuba": "Cuba", "cyprus": "Cyprus",
	"czech republic": "Czech Republic", "denmark": "Denmark", "ecuador": "Ecuador", "egypt": "Egypt",
	"estonia": "Estonia", "ethiopia": "Ethiopia", "finland": "Finland", "france": "France", "georgia": "Georgia",
	"germany": "Germany", "ghana": "Ghana", "greece": "Greece", "guatemala": "Guatemala", "haiti": "Haiti",
	"honduras": "Honduras", "hungary": "Hungary", "iceland": "Iceland", "india": "India", "indonesia": "Indonesia",
	"iran": "Iran", "iraq": "Iraq", "ireland": "Ireland", "israel": "Israel", "italy": "Italy", "japan": "Japan",
	"jordan": "Jordan", "kazakhstan": "Kazakhstan", "kenya": "Kenya", "kosovo": "Kosovo", "kuwait": "Kuwait",
	"latvia": "Latvia", "lebanon": "Lebanon", "libya": "Libya", "lithuania": "Lithuania", "malaysia": "Malaysia",
	"mali": "Mali", "mexico": "Mexico", "moldova": "Moldova", "mongolia": "Mongolia", "morocco": "Morocco",
	"mozambique": "Mozambique", "myanmar": "Myanmar", "nepal": "Nepal", "netherlands": "Netherlands",
	"new zealand": "New Zealand", "nicaragua": "Nicaragua", "niger": "Niger", "nigeria": "Nigeria",
	"north korea": "North Korea", "norway": "Norway", "oman": "Oman", "pakistan": "Pakistan",
	"palestine": "Palestine", "panama": "Panama", "peru": "Peru", "philippines": "Philippines", "poland": "Poland",
	"portugal": "Portugal", "qatar": "Qatar", "romania": "Romania", "russia": "Russia", "rwanda": "Rwanda",
	"saudi arabia": "Saudi Arabia", "senegal": "Senegal", "serbia": "Serbia", "singapore": "Singapore",
	"slovakia": "Slovakia", "slovenia": "Slovenia", "somalia": "Somalia", "south africa": "South Africa",
	"south korea": "South Korea", "south sudan": "South Sudan", "spain": "Spain", "sri lanka": "Sri Lanka",
	"sudan": "Sudan", "sweden": "Sweden", "switzerland": "Switzerland", "syria": "Syria", "taiwan": "Taiwan",
	"tanzania": "Tanzania", "thailand": "Thailand", "tunisia": "Tunisia", "turkey": "Turkey", "türkiye": "Turkey",
	"uganda": "Uganda", "ukraine": "Ukraine", "united arab emirates": "United Arab Emirates", "uae": "United Arab Emirates",
	"united kingdom": "United Kingdom", "uk": "United Kingdom", "u.k.": "United Kingdom", "britain": "United Kingdom",
	"great britain": "United Kingdom", "england": "England", "scotland": "Scotland", "wales": "Wales",
	"united states": "United States", "us": "United States", "u.s.": "United States", "usa": "United States",
	"u.s.a.": "United States", "america": "United States", "uruguay": "Uruguay", "uzbekistan": "Uzbekistan",
	"venezuela": "Venezuela", "vietnam": "Vietnam", "yemen": "Yemen", "zambia": "Zambia", "zimbabwe": "Zimbabwe",
	"gaza": "Gaza", "gaza strip": "Gaza", "west bank": "West Bank", "middle east": "Middle East",
	"europe": "Europe", "africa": "Africa", "asia": "Asia", "latin america": "Latin America",
	"north america": "North America", "south america": "South America", "antarctica": "Antarctica",
	"arctic": "Arctic", "crimea": "Crimea", "donbas": "Donbas", "kashmir": "Kashmir", "tibet": "Tibet",
	"hong kong": "Hong Kong", "washington": "Washington", "new york": "New York", "london": "London",
	"paris": "Paris", "berlin": "Berlin", "moscow": "Moscow", "beijing": "Beijing", "tokyo": "Tokyo",
	"jerusalem": "Jerusalem", "tel aviv": "Tel Aviv", "doha": "Doha", "cairo": "Cairo", "kyiv": "Kyiv",
	"kiev": "Kyiv", "tehran": "Tehran", "beirut": "Beirut", "damascus": "Damascus", "baghdad": "Baghdad",
	"riyadh": "Riyadh", "dubai": "Dubai", "istanbul": "Istanbul", "ankara": "Ankara", "brussels": "Brussels",
	"geneva": "Geneva", "rome": "Rome", "madrid": "Madrid", "vienna": "Vienna", "delhi": "Delhi",
	"new delhi": "New Delhi", "mumbai": "Mumbai", "shanghai": "Shanghai", "seoul": "Seoul", "sydney": "Sydney",
	"los angeles": "Los Angeles", "chicago": "Chicago", "san francisco": "San Francisco", "boston": "Boston",
	"california": "California", "texas": "Texas", "florida": "Florida", "rafah": "Rafah", "khan younis": "Khan Younis",
	"gaza city": "Gaza City", "manchester": "Manchester", "liverpool": "Liverpool", "toronto": "Toronto",
	"mexico city": "Mexico City", "nairobi": "Nairobi", "lagos": "Lagos", "johannesburg": "Johannesburg",
	"pacific": "Pacific", "atlantic": "Atlantic", "mediterranean": "Mediterranean", "caribbean": "Caribbean",
	"balkans": "Balkans", "scandinavia": "Scandinavia", "siberia": "Siberia", "sahel": "Sahel",
	"burkina faso": "Burkina Faso", "cayman islands": "Cayman Islands", "ivory coast": "Ivory Coast",
	"côte d'ivoire": "Ivory Coast", "costa rica": "Costa Rica", "el salvador": "El Salvador", "sierra leone": "Sierra Leone",
	"dominican republic": "Dominican Republic", "puerto rico": "Puerto Rico", "lisbon": "Lisbon", "montevideo": "Montevideo",
	"buenos aires": "Buenos Aires", "lima": "Lima", "kathmandu": "Kathmandu", "frankfurt": "Frankfurt", "copenhagen": "Copenhagen",
	"stockholm": "Stockholm", "oslo": "Oslo", "helsinki": "Helsinki", "warsaw": "Warsaw", "prague": "Prague", "budapest": "Budapest",
	"athens": "Athens", "dublin": "Dublin", "edinburgh": "Edinburgh", "amsterdam": "Amsterdam", "barcelona": "Barcelona",
	"milan": "Milan", "munich": "Munich", "hamburg": "Hamburg", "zurich": "Zurich", "ottawa": "Ottawa", "montreal": "Montreal",
	"vancouver": "Vancouver", "canberra": "Canberra", "melbourne": "Melbourne", "auckland": "Auckland",
	"jakarta": "Jakarta", "manila": "Manila", "bangkok": "Bangkok", "hanoi": "Hanoi", "karachi": "Karachi", "islamabad": "Islamabad",
	"kabul": "Kabul", "dhaka": "Dhaka", "accra": "Accra", "addis ababa": "Addis Ababa", "khartoum": "Khartoum",
	"delaware": "Delaware", "new jersey": "New Jersey", "virginia": "Virginia", "ohio": "Ohio", "michigan": "Michigan",
	"pennsylvania": "Pennsylvania", "arizona": "Arizona", "nevada": "Nevada", "colorado": "Colorado", "quebec": "Quebec",
	"ontario": "Ontario", "bavaria": "Bavaria", "catalonia": "Catalonia", "basque country": "Basque Country",
	"british columbia": "British Columbia", "alberta": "Alberta", "manitoba": "Manitoba", "saskatchewan": "Saskatchewan",
	"nova scotia": "Nova Scotia", "new brunswick": "New Brunswick", "yorkshire": "Yorkshire", "north east": "North East",
	"north west": "North West", "oregon": "Oregon", "washington state": "Washington State", "new mexico": "New Mexico",
	"north carolina": "North Carolina", "south carolina": "South Carolina", "georgia state": "Georgia", "tennessee": "Tennessee",
	"massachusetts": "Massachusetts", "illinois": "Illinois", "minnesota": "Minnesota", "wisconsin": "Wisconsin",
	"louisiana": "Louisiana", "alabama": "Alabama", "kentucky": "Kentucky", "missouri": "Missouri", "utah": "Utah",
	"hawaii": "Hawaii", "alaska": "Alaska", "iowa": "Iowa", "kansas": "Kansas", "oklahoma": "Oklahoma", "maryland": "Maryland",
	"connecticut": "Connecticut", "queensland": "Queensland", "new south wales": "New South Wales", "victoria state": "Victoria",
	"punjab": "Punjab", "kerala": "Kerala", "bihar": "Bihar", "sichuan": "Sichuan", "guangdong": "Guangdong", "xinjiang": "Xinjiang",
	"red sea": "Red Sea", "black sea": "Black Sea", "persian gulf": "Persian Gulf", "gulf": "Gulf",
}

// demonyms map nationality adjectives, in lower case, to their place.
var demonyms = map[string]string{
	"afghan": "Afghanistan", "american": "United States", "argentine": "Argentina", "armenian": "Armenia",
	"australian": "Australia", "austrian": "Austria", "belgian": "Belgium", "brazilian": "Brazil",
	"british": "United Kingdom", "canadian": "Canada", "chilean": "Chile", "chinese": "China",
	"colombian": "Colombia", "cuban": "Cuba", "czech": "Czech Republic", "danish": "Denmark", "dutch": "Netherlands",
	"egyptian": "Egypt", "emirati": "United Arab Emirates", "english": "England", "ethiopian": "Ethiopia",
	"european": "Europe", "finnish": "Finland", "french": "France", "german": "Germany", "greek": "Greece",
	"hungarian": "Hungary", "indian": "India", "indonesian": "Indonesia", "iranian": "Iran", "iraqi": "Iraq",
	"irish": "Ireland", "israeli": "Israel", "italian": "Italy", "japanese": "Japan", "jordanian": "Jordan",
	"kenyan": "Kenya", "korean": "Korea", "kuwaiti": "Kuwait", "lebanese": "Lebanon", "libyan": "Libya",
	"mexican": "Mexico", "moroccan": "Morocco", "nigerian": "Nigeria", "norwegian": "Norway",
	"pakistani": "Pakistan", "palestinian": "Palestine", "polish": "Poland", "portuguese": "Portugal",
	"qatari": "Qatar", "romanian": "Romania", "russian": "Russia", "saudi": "Saudi Arabia", "scottish": "Scotland",
	"serbian": "Serbia", "somali": "Somalia", "spanish": "Spain", "sudanese": "Sudan", "swedish": "Sweden",
	"swiss": "Switzerland", "syrian": "Syria", "taiwanese": "Taiwan", "thai": "Thailand", "turkish": "Turkey",
	"ugandan": "Uganda", "ukrainian": "Ukraine", "venezuelan": "Venezuela", "vietnamese": "Vietnam",
	"welsh": "Wales", "yemeni": "Yemen", "catalan": "Catalonia", "basque": "Basque Country",
	"peruvian": "Peru", "bolivian": "Bolivia", "ecuadorian": "Ecuador", "uruguayan": "Uruguay", "paraguayan": "Paraguay",
	"nepali": "Nepal", "nepalese": "Nepal", "ghanaian": "Ghana", "tanzanian": "Tanzania", "zimbabwean": "Zimbabwe",
	"singaporean": "Singapore", "malaysian": "Malaysia", "filipino": "Philippines", "bangladeshi": "Bangladesh",
	"sri lankan": "Sri Lanka", "afghani": "Afghanistan", "kazakh": "Kazakhstan", "georgian": "Georgia", "estonian": "Estonia",
	"latvian": "Latvia", "lithuanian": "Lithuania", "croatian": "Croatia", "slovak": "Slovakia", "slovenian": "Slovenia",
	"bulgarian": "Bulgaria", "belarusian": "Belarus", "new zealander": "New Zealand", "african": "Africa", "asian": "Asia", "gazan": "Gaza",
}

// knownOrgs are organisations often named with no suffix that says so, in lower case.
var knownOrgs = map[string]string{
	"hamas": "Hamas", "hezbollah": "Hezbollah", "houthis": "Houthis", "taliban": "Taliban", "isis": "ISIS",
	"nato": "NATO", "un": "United Nations", "united nations": "United Nations", "eu": "European Union",
	"european union": "European Union", "who": "World Health Organization", "imf": "IMF", "world bank": "World Bank",
	"fbi": "FBI", "cia": "CIA", "pentagon": "Pentagon", "kremlin": "Kremlin", "white house": "White House",
	"congress": "Congress", "senate": "Senate", "parliament": "Parliament", "reuters": "Reuters",
	"bbc": "BBC", "cnn": "CNN", "idf": "Israel Defense Forces", "opec": "OPEC", "fifa": "FIFA", "uefa": "UEFA",
	"nasa": "NASA", "google": "Google", "apple": "Apple", "microsoft": "Microsoft", "amazon": "Amazon",
	"meta": "Meta", "tesla": "Tesla", "openai": "OpenAI", "unicef": "UNICEF", "unrwa": "UNRWA",
	"downing street": "Downing Street", "whitehall": "Whitehall", "fed": "Federal Reserve",
	"federal reserve": "Federal Reserve", "red cross": "Red Cross", "interpol": "Interpol", "wto": "WTO",
	"g7": "G7", "g20": "G20", "asean": "ASEAN", "ecb": "European Central Bank", "sec": "SEC", "fda": "FDA",
	"cdc": "CDC", "gardai": "Gardai", "gardaí": "Gardai", "garda": "Gardai", "epa": "EPA", "nhs": "NHS", "ap": "Associated Press", "afp": "AFP", "boeing": "Boeing",
	"airbus": "Airbus", "nvidia": "Nvidia", "samsung": "Samsung", "toyota": "Toyota", "pfizer": "Pfizer",
}

// orgSuffixes end organisation names ("Bank of England" ends a name with "Bank" first, see orgWords).
var orgWords = map[string]bool{
	"inc": true, "inc.": true, "corp": true, "corp.": true, "ltd": true, "ltd.": true, "plc": true, "llc": true,
	"group": true, "bank": true, "ministry": true, "party": true, "council": true, "court": true,
	"university": true, "agency": true, "association": true, "federation": true, "union": true,
	"committee": true, "commission": true, "department": true, "army": true, "forces": true, "institute": true,
	"organization": true, "organisation": true, "foundation": true, "authority": true, "police": true,
	"service": true, "office": true, "times": true, "post": true, "news": true, "airlines": true, "airways": true,
	"motors": true, "club": true, "fc": true, "league": true, "assembly": true, "church": true, "hospital": true,
	"school": true, "college": true, "company": true, "holdings": true, "partners": true, "fund": true,
	"board": true, "bureau": true, "network": true, "systems": true, "technologies": true, "labs": true,
	"media": true, "press": true, "brigades": true, "movement": true, "front": true, "guard": true,
	"parliament": true, "senate": true, "congress": true, "cabinet": true, "government": true, "reserve": true,
	"exchange": true, "industries": true, "international": true, "pharmaceuticals": true, "energy": true,
	"centre": true, "center": true, "museum": true, "council.": true, "tribunal": true, "navy": true,
	"united": true, "rovers": true, "athletic": true, "wanderers": true, "city": true, "corporation": true,
	"observatory": true, "programme": true, "program": true, "administration": true, "secretariat": true,
	"alliance": true, "capital": true, "management": true, "llp": true, "ag": true, "gmbh": true, "sa": true,
	"nv": true, "bv": true, "spa": true, "advisory": true, "consulting": true, "chemie": true, "energi": true,
	"journal": true, "lab": true, "laboratories": true, "therapeutics": true, "biotech": true, "pharma": true,
	"securities": true, "investments": true, "ventures": true, "insurance": true, "trust": true,
	"railways": true, "telecom": true, "communications": true, "solutions": true, "software": true,
	"electric": true, "steel": true, "mining": true, "petroleum": true, "fc.": true,
	"progresista": true, "unido": true, "quant": true, "distribution": true, "rail": true, "railway": true,
	"power": true, "water": true, "gas": true, "transport": true, "services": true, "foods": true, "rescue": true,
	"ambulance": true, "trains": true, "mail": true, "utilities": true, "logistics": true, "shipping": true,
	"brewery": true, "studios": true, "records": true, "pictures": true, "entertainment": true, "resources": true, "reuters": true,
	"semiconductor": true, "semiconductors": true, "networks": true, "assurance": true, "mutual": true,
	"navigation": true, "textiles": true, "furnishings": true, "airline": true, "aviation": true, "motor": true,
	"automotive": true, "atlético": true, "atletico": true, "electronics": true, "chemicals": true, "brands": true, "stores": true, "robotics": true,
}

// orgHeads are lower-case nouns that make a phrase such as "the Qatari
// foreign ministry" an organisation.
var orgHeads = map[string]bool{
	"ministry": true, "government": true, "army": true, "military": true, "police": true, "parliament": true,
	"court": true, "embassy": true, "agency": true, "council": true, "cabinet": true, "party": true,
	"committee": true, "commission": true, "authority": true, "authorities": true, "navy": true,
	"department": true, "regulator": true, "office": true, "federation": true, "union": true, "league": true,
	"company": true, "firm": true, "bank": true, "airline": true, "team": true, "club": true, "service": true,
}

// titleWords are capitalised words of titles written before names
// ("Prime Minister", "Vice President", "Dr.").
var titleWords = map[string]bool{
	"president": true, "prime": true, "minister": true, "vice": true, "secretary": true, "senator": true,
	"sen.": true, "sen": true, "representative": true, "rep.": true, "rep": true, "governor": true, "gov.": true,
	"mayor": true, "king": true, "queen": true, "prince": true, "princess": true, "pope": true,
	"chancellor": true, "general": true, "gen.": true, "dr.": true, "dr": true, "mr.": true, "mr": true,
	"mrs.": true, "mrs": true, "ms.": true, "ms": true, "judge": true, "justice": true, "chief": true,
	"ambassador": true, "envoy": true, "speaker": true, "leader": true, "director": true, "ceo": true,
	"chairman": true, "chairwoman": true, "chair": true, "coach": true, "captain": true, "professor": true,
	"prof.": true, "detective": true, "officer": true, "commissioner": true, "sheikh": true, "emir": true,
	"crown": true, "archbishop": true, "bishop": true, "rabbi": true, "imam": true, "lieutenant": true,
	"colonel": true, "sergeant": true, "admiral": true, "commander": true, "inspector": true,
	"superintendent": true, "attorney": true, "foreign": true, "defence": true, "defense": true,
	"finance": true, "health": true, "interior": true, "home": true, "economy": true,
	"deputy": true, "former": true, "acting": true, "interim": true, "opposition": true, "senior": true,
	"special": true, "first": true, "lady": true, "sir": true, "dame": true, "lord": true, "premier": true,
	"executive": true, "spokesman": true, "spokeswoman": true, "spokesperson": true, "secretary-general": true,
	"lt.": true, "col.": true, "capt.": true, "sgt.": true, "supt.": true, "gov": true, "mp": true,
	"assistant": true, "associate": true, "founder": true, "co-founder": true, "manager": true, "head": true,
	"trade": true, "education": true, "energy": true, "transport": true, "environment": true, "culture": true,
	"labor": true, "labour": true, "agriculture": true, "treasury": true, "rev.": true,
	"father": true, "sister": true, "brother": true, "saint": true, "st.": true, "major": true, "maj.": true,
	"mp.": true, "attorney-general": true, "ex": true, "prosecutor": true, "investigator": true, "incumbent": true, "outgoing": true,
}

// roleNouns head the phrases that give a person's role ("Trump's Middle East envoy").
var roleNouns = map[string]bool{
	"president": true, "minister": true, "secretary": true, "senator": true, "governor": true, "mayor": true,
	"king": true, "queen": true, "prince": true, "chancellor": true, "general": true, "judge": true,
	"ambassador": true, "envoy": true, "speaker": true, "leader": true, "director": true, "ceo": true,
	"chairman": true, "chairwoman": true, "chair": true, "coach": true, "captain": true, "professor": true,
	"spokesman": true, "spokeswoman": true, "spokesperson": true, "official": true, "chief": true,
	"head": true, "founder": true, "executive": true, "negotiator": true, "mediator": true, "adviser": true,
	"advisor": true, "lawyer": true, "attorney": true, "prosecutor": true, "correspondent": true,
	"editor": true, "analyst": true, "economist": true, "scientist": true, "researcher": true, "author": true,
	"commander": true, "striker": true, "midfielder": true, "defender": true, "goalkeeper": true,
	"manager": true, "candidate": true, "nominee": true, "lawmaker": true, "legislator": true, "mp": true,
	"member": true, "owner": true, "investor": true, "doctor": true, "surgeon": true, "physician": true,
	"epidemiologist": true, "virologist": true, "astronomer": true, "physicist": true, "biologist": true,
	"teacher": true, "student": true, "victim": true, "witness": true, "survivor": true, "resident": true,
	"player": true, "champion": true, "winner": true, "runner": true, "athlete": true, "officer": true,
	"inspector": true, "detective": true, "commissioner": true, "representative": true, "deputy": true,
	"premier": true, "monarch": true, "emir": true, "sheikh": true, "pope": true, "cardinal": true,
	"bishop": true, "activist": true, "campaigner": true, "organiser": true, "organizer": true, "partner": true,
	"defendant": true, "plaintiff": true, "suspect": true, "accused": true, "engineer": true, "pilot": true,
	"president-elect": true, "secretary-general": true, "founder-ceo": true, "boss": true, "entrepreneur": true,
	"host": true, "presenter": true, "forward": true, "winger": true, "investigator": true, "firefighter": true, "singer": true, "actor": true, "actress": true, "writer": true, "novelist": true,
}

// notNames are capitalised words that never start or make up a name:
// sentence openers, function words, honorific-free pronouns.
var notNames = map[string]bool{
	"the": true, "a": true, "an": true, "in": true, "on": true, "at": true, "as": true, "but": true,
	"and": true, "or": true, "however": true, "during": true, "after": true, "before": true, "while": true,
	"previously": true, "amid": true, "this": true, "that": true, "these": true, "those": true, "it": true,
	"he": true, "she": true, "they": true, "we": true, "i": true, "his": true, "her": true, "their": true,
	"our": true, "its": true, "if": true, "when": true, "despite": true, "although": true, "meanwhile": true,
	"earlier": true, "later": true, "also": true, "since": true, "following": true, "with": true,
	"without": true, "for": true, "from": true, "by": true, "to": true, "of": true, "under": true, "over": true,
	"some": true, "many": true, "most": true, "other": true, "another": true, "all": true, "both": true,
	"no": true, "not": true, "there": true, "here": true, "what": true, "who": true, "why": true, "how": true,
	"where": true, "which": true, "yes": true, "so": true, "yet": true, "still": true, "now": true,
	"then": true, "than": true, "my": true, "your": true, "you": true, "me": true, "us.": true, "about": true,
	"according": true, "as.": true, "each": true, "every": true, "few": true, "more": true, "such": true,
	"once": true, "because": true, "though": true, "until": true, "unlike": true, "like": true, "into": true,
	"through": true, "across": true, "among": true, "against": true, "within": true, "near": true,
	"nearly": true, "almost": true, "about.": true, "around": true, "upon": true, "instead": true,
	"further": true, "indeed": true, "thus": true, "therefore": true, "overall": true, "today": true,
	"yesterday": true, "tomorrow": true, "tonight": true, "last": true, "next": true, "first": true,
	"second": true, "third": true, "one": true, "two": true, "three": true, "four": true, "five": true,
	"six": true, "seven": true, "eight": true, "nine": true, "ten": true, "several": true, "officials": true,
	"police": true, "experts": true, "analysts": true, "critics": true, "residents": true, "witnesses": true,
	"sources": true, "it's": true, "we're": true, "i'm": true, "don't": true, "can't": true, "asked": true,
	"chapter": true, "section": true, "update": true, "editor's": true, "note": true, "read": true, "more.": true,
	"breaking": true, "exclusive": true, "analysis": true, "opinion": true, "photo": true, "video": true,
	"would": true, "could": true, "should": true, "will": true, "may": true, "might": true, "must": true,
	"can": true, "did": true, "does": true, "do": true, "is": true, "are": true, "was": true, "were": true,
	"has": true, "have": true, "had": true, "be": true, "been": true, "says": true, "said": true,
	"just": true, "even": true, "only": true, "again": true, "already": true, "soon": true, "very": true,
	"whether": true, "either": true, "neither": true, "nor": true, "whose": true, "whom": true,
	"democrat": true, "democrats": true, "republican": true, "republicans": true, "conservative": true,
	"conservatives": true, "liberal": true, "liberals": true, "tory": true, "tories": true, "socialist": true,
	"socialists": true, "independent": true, "independents": true,
	"let": true, "let's": true, "please": true, "thank": true, "thanks": true,
}

// firstNames are common given names, in lower case: a capitalised pair
// starting with one is a person even with no title or quotation.
var firstNames = toSet(`aaron abdul abdullah adam adrian ahmed aisha alan albert alberto alejandro alex alexander alexandra
alexei ali alice alicia amanda amina amir amy ana andrea andreas andrew andrzej angela angelo ann anna anne anthony antonio
arjun arthur ashley barbara ben benjamin bernard bill bob boris brian bruce carl carla carlos carmen caroline catherine
charles charlie chen chris christian christina christine christopher claire claude claudia colin daniel david deborah
dennis diana diego dmitry donald dorothy douglas edward elena elizabeth ellen emily emma emmanuel eric erik eva fatima
felipe fernando francesca francesco francis francisco frank franz fred friedrich gabriel gary george georg gerald
giorgio giovanni giuseppe grace gregory guillermo hannah hans harold harry hassan heinrich helen henri henrik henry hugo
ibrahim igor ingrid isabel ivan jack jacob james jan jane janet jason javier jean jeff jeffrey jennifer jerome jessica
jiang jim joan joanna joe johann johannes john jonathan jorge jose josé joseph joshua juan julia julian julie julio
justin karen karl katherine kathleen keith kenneth kevin kim klaus kofi larry laura lee leonardo li lin linda lisa liu
lucas lucia lucía luis luka maria marco marcos margaret maria mariana marie mario mark martin mary matteo matthew
maurice max maria mehmet michael michel michelle miguel mikhail mohamed mohammad mohammed muhammad nancy natalia nathan
nicholas nicola nicolas nikolai nina noah olga oliver olivia omar oscar pablo patricia patrick paul paula pedro peter
philip pierre piotr priya rachel rafael rahul raj ramón raúl rebecca richard robert roberto roger ronald rosa ruth
ryan sam samuel sandra sara sarah scott sean sebastian sergei sergio sharon simon sofia sofía sophie stefan stephanie
stephen steve steven susan thomas tim timothy tom tomas tomás tony valentina vanessa vera victor viktor vladimir wang
wei william xavier yusuf yuki zhang zoe emeka chinedu ngozi amara kwame aiyana priyanka anand sanjay vikram deepak
rohan ananya mei hiroshi takeshi kenji yuto haruto seo-yeon ji-woo min-jun olena oksana yulia hamid reza ayesha
nils daan jamal luis adrien declan naomi farid federico gustavo rodrigo hana rosa julio bishnu pema thomas ruth
olusegun amina genevieve ines inés lars sven bjorn björn astrid freya liam noel owen ian neil gordon graham stuart`)

func toSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// placeWords end place names ("Cayman Islands", "Gaza City", "Tarn River").
var placeWords = map[string]bool{
	"islands": true, "island": true, "mountains": true, "mountain": true, "river": true, "valley": true,
	"province": true, "county": true, "region": true, "district": true, "lake": true, "bay": true,
	"coast": true, "sea": true, "ocean": true, "peninsula": true, "strait": true, "desert": true,
	"city": true, "state": true, "street": true, "square": true, "avenue": true, "road": true,
	"airport": true, "port": true, "harbour": true, "harbor": true, "glacier": true, "crater": true,
	"basin": true, "plateau": true, "gulf": true, "canal": true, "hills": true, "heights": true,
	"territory": true, "territories": true, "prefecture": true, "oblast": true, "village": true, "town": true,
}

// orgStarts open organisation names ("Partido Nacional Unido", "Banco Santander").
var orgStarts = map[string]bool{
	"partido": true, "alianza": true, "frente": true, "movimiento": true, "grupo": true, "banco": true,
	"compagnie": true, "société": true, "deutsche": true, "bank": true, "university": true, "ministry": true,
	"department": true, "institute": true, "council": true, "office": true, "federation": true, "union": true,
	"league": true, "national": true, "royal": true, "federal": true, "central": true, "international": true,
	"united": true, "european": true, "world": true, "global": true, "fundación": true, "fundação": true,
	"house": true, "fondation": true, "stiftung": true, "instituto": true, "universidad": true, "université": true,
	"real": true, "atlético": true, "sporting": true, "dynamo": true, "inter": true,
}

// notOrgAcronyms are capitalised abbreviations that name no organisation.
var notOrgAcronyms = toSet(`gdp gnp cpi ceo cfo cto coo ipo ai covid hiv aids dna rna tv pm am ok vat ppe icu ev evs lng ufo
q1 q2 q3 q4 mp mps cctv gmt utc est var uk-based us-based faq pdf hq id ph co2 gdp. km mph`)
