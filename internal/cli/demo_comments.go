package cli

// Comments for the threads the loader writes itself: top-level ones by
// community (or language, for posts not in English) and replies that fit
// under most comments. A thread never uses a text twice.

var demoTopLevel = map[string][]string{
	"technology": {
		"Does anyone have a link that isn't paywalled?",
		"I've been saying this for years and people looked at me like I was mad.",
		"The comments under the original article are a wild read.",
		"This is why I self-host what I can. Not everything, but what I can.",
		"Honestly, the bigger story is buried in the last paragraph.",
		"Great, another thing to explain to my parents at Christmas.",
		"Has anyone tried this yet? I'm curious whether it holds up outside a demo.",
		"I work in this area. It's less dramatic than the headline suggests, but still worth paying attention to.",
		"The open-source version of this has existed for a decade, it just has a worse logo.",
		"Good. It was about time someone forced their hand.",
		"I'll believe it when it ships.",
		"Saved. I'll read this properly on the train tomorrow.",
		"Whoever wrote this headline should be made to use Windows Vista for a week.",
		"The real question is what happens to the people who depend on the old version.",
		"Thanks for posting the source rather than the aggregator.",
		"My company is going to use this as an excuse to do something dumb, I can feel it.",
	},
	"science": {
		"The sample size is small, but the effect is large enough that I'd like to see a replication.",
		"The paper itself is open access, for anyone who wants to read past the headline.",
		"The press release says \"may\", the headline says \"does\". Classic.",
		"This is genuinely fascinating. I had no idea this was even measurable.",
		"Was this in mice? It's always in mice.",
		"I remember the preprint from last year; glad it made it through review.",
		"Can someone explain the methods section like I'm five?",
		"The supplementary material is where the interesting bits are, as usual.",
		"Correlation, causation, etc. Still a neat finding.",
		"My field! Happy to answer questions if anyone has them.",
		"The funding section is worth a look before getting too excited.",
		"Nature is metal.",
		"This is the kind of basic research that never gets funded and then turns out to matter.",
	},
	"books": {
		"Adding this to my list, which is now longer than my remaining lifespan.",
		"I read this at school and hated it. Maybe it's time to try again.",
		"The audiobook narrator for this one is excellent, if that's your thing.",
		"My library has a waiting list of forty people for it. Forty!",
		"Thank you for not spoiling the ending in the title.",
		"If you liked this, try Tove Jansson. The grown-up books, not only the Moomins.",
		"I gave up halfway through. Does it get better?",
		"The translation matters a lot here. Which one did you read?",
		"One of the few books I've re-read more than twice.",
		"Second-hand copies go for almost nothing, so there's no excuse.",
		"The first hundred pages are a slog, and then you can't put it down.",
		"I'd love a thread just for short books. Some of us have toddlers.",
	},
	"localnews": {
		"Thanks for posting, I hadn't seen this anywhere else.",
		"Does anyone know if this affects the Eastfield side too?",
		"About time. It's been like this since before the pandemic.",
		"The council's own page still says the opposite, so who knows.",
		"I walked past there this morning and it looked the same as ever.",
		"My neighbour went to the meeting; apparently it got heated.",
		"This will be great for some and terrible for others, as always.",
		"Does anyone know who to email about this? The council website is a maze.",
		"Good news for once!",
		"Parking is going to be a nightmare, isn't it.",
		"The Gazette had this behind a paywall, so thanks for the summary.",
		"I've lived here thirty years and this is the first I've heard of it.",
	},
	"world": {
		"The same story is on Reuters and AP without a paywall.",
		"This got surprisingly little coverage where I live.",
		"It's more complicated than the headline; the article does a fair job of explaining it.",
		"Good news, for once. I'll take it.",
		"I'd like to see what local journalists are saying rather than the wire version.",
		"Historic. Hard to overstate what this means there.",
		"And yet nothing will change, I suspect.",
		"The map in the article helps a lot.",
		"A friend lives there; they say it's calmer than the news makes it look.",
		"Is there a reliable source that isn't a state broadcaster?",
		"That number is staggering next to last year's.",
	},
	"linux": {
		"Works fine on my ThinkPad, for what it's worth.",
		"Have you checked `journalctl -b -p err` yet? That's usually my first step.",
		"Arch user here; I'm obliged to mention it.",
		"The Arch wiki page on this is surprisingly good, even if you don't use Arch.",
		"This is the year of the Linux desktop. Again.",
		"I switched last year and haven't looked back, except for one game.",
		"Try a live USB first before wiping anything.",
		"Wayland fixed this for me; X11 never did.",
		"Great write-up. Bookmarked for the next time a friend asks.",
		"Flatpak has its problems, but it solved this one for me.",
	},
	"de": {
		"Endlich! Hat lange genug gedauert.",
		"Bei uns auf dem Land merkt man davon leider nichts.",
		"Gibt es dazu auch eine Quelle ohne Paywall?",
		"Ich bin gespannt, wie das in der Praxis aussieht.",
		"Klingt gut, aber die Umsetzung wird wieder Jahre dauern.",
		"Danke fürs Teilen, das war mir neu.",
	},
	"fr": {
		"Enfin une bonne nouvelle.",
		"Ça dépend beaucoup de la région, à mon avis.",
		"Quelqu'un a un lien sans paywall ?",
		"J'attends de voir comment ce sera appliqué.",
		"Merci pour le partage !",
	},
	"es": {
		"Ya era hora.",
		"A ver cómo se aplica en la práctica.",
		"¿Alguien tiene el enlace sin muro de pago?",
		"Muy buena noticia, gracias por compartir.",
	},
	"nl": {
		"Eindelijk! Dit had jaren geleden al moeten gebeuren.",
		"Benieuwd hoe de handhaving eruit gaat zien.",
		"Bij ons in de wijk merk je er nu al verschil van.",
		"Goed nieuws, dank voor het delen.",
	},
}

var demoReplies = map[string][]string{
	"en": {
		"Exactly this.",
		"I don't think that's quite right, but I see where you're coming from.",
		"Source? Not doubting you, I'd just like to read more.",
		"Same experience here.",
		"That's a fair point, I hadn't thought of it that way.",
		"Ha, this made me laugh more than it should have.",
		"Agreed, although the second half of the article undercuts that a bit.",
		"Where did you read that? I'd like to share it.",
		"Not everyone can afford to, though.",
		"This is the comment I came here for.",
		"Counterpoint: it's worked fine for me for years.",
		"I had the opposite experience, oddly enough.",
		"Thank you, that's a much better explanation than the article's.",
		"You're not wrong, but it's not the whole picture either.",
		"Which one would you recommend, then?",
		"Came here to say this.",
		"That's what I thought at first too, until I looked at the numbers.",
		"Genuine question: why?",
		"I think we mostly agree, we just weigh things differently.",
		"Username checks out.",
		"OK, but that's a different problem.",
		"Good to know, thanks!",
		"Seconded.",
		"The article addresses that in the third paragraph.",
		"I wish more people thought like this.",
		"Let's not pretend this is new, though.",
		"Fair enough. I'll give it another try.",
		"I'd say it depends a lot on where you live.",
		"Huh, TIL.",
	},
	"de": {"Sehe ich genauso.", "Nicht ganz, aber ich verstehe den Punkt.", "Quelle?", "Bei mir war es genau umgekehrt."},
	"fr": {"Tout à fait d'accord.", "Pas sûr, mais pourquoi pas.", "Tu as une source ?"},
	"es": {"Totalmente de acuerdo.", "No estoy tan seguro.", "¿Tienes la fuente?"},
	"nl": {"Helemaal mee eens.", "Dat valt nog te bezien.", "Heb je daar een bron voor?"},
}

// demoPool names the top-level texts that suit a post.
func demoPool(comm, lang string) string {
	if lang != "en" {
		return lang
	}
	switch comm {
	case "worldnews@lemmy.world", "europe@feddit.org":
		return "world"
	case "linux@programming.dev":
		return "linux"
	}
	return comm
}
