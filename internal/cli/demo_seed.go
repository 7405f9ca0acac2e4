package cli

// The seed thread: the real Lemmy thread of the design's
// seed/thread-page.txt, loaded as the federated data it was: a BBC link
// posted to worldnews@lemmy.world and three replies from two instances, the
// texts verbatim.

// demoSeedPostAPID marks the demo as loaded: when it exists, nothing is loaded again.
const demoSeedPostAPID = "https://lemmy.world/post/17406152"

const (
	demoSeedTitle  = "North Korean diplomat in Cuba defects to South Korea"
	demoSeedURL    = "https://www.bbc.com/news/articles/c4ng5mz0zq7o"
	demoSeedAuthor = "pyongwatcher"

	// demoPumpkin is the first commenter's name as their instance sends it.
	demoPumpkin = "Ð Greıt Þu̇mpkin"

	demoSeedBody = "A high-profile North Korean diplomat stationed in Cuba has defected to the South, Seoul’s spy agency has confirmed to the BBC.\n\nThe political counselor is believed to be the highest-ranking North Korean diplomat to escape to South Korea since 2016.\n\nThe diplomat defected in November, the National Intelligence Service (NIS) said.\n\nDetails about defections of North Koreans often take months to come to light as the defectors must take courses on South Korean society before they are formally integrated.\n\nHis work reportedly involved stopping Havana from forging official diplomatic ties with Seoul. However, in February, the two governments did establish official relations, in what was seen as a setback for Pyongyang.\n\nEvery North Korean thinks at least once about living in South Korea,” the newspaper quoted him as saying."

	demoSeedComment1 = "How do most defectors fare once the integration process is complete? Does Seoul help with post defection career placement?"
	demoSeedComment2 = "Some integrate better than others most certainly. Younger defectors might go to Korean universities. Older ones might go work in factories or wherever they’re a good fit. Some want to go back to North Korea because they can’t handle the cultural differences.\n\nThis guy is higher-profile than most, so he’s prolly gonna live pretty kushily."
	demoSeedComment3 = "I’m pretty sure like 80% of North Korean defectors start in China. Obviously, a top diplomat with resources wouldn’t necessarily do that since China wants to keep up appearances (even if they sort of hate North Korea). But “most” “defectors” fare about as well as “illegal immigrants” in the U.S. or Europe.\n\nAs cynical as it may be, it’s in South Korea’s, China’s, and North Korea’s interest to ignore most of it. If it gets media attention, maybe South Korea or a Western country accepts them as asylum seekers. A few times, people got into western embassies in Beijing and it was global news. China was not happy. But most people who leave North Korea end up working in a Beijing noodle shop or whatever.\n\nAnd South Korea, while often proclaiming to want reunification, doesn’t actually want the headaches. It’d probably be 1,000 times more complex than Germany and East Germany reuniting."
)

// demoSeedPost is the thread as it stands on lemmy.world: posted about six
// months ago, the second reply edited.
var demoSeedPost = demoPost{
	comm: "worldnews@lemmy.world", title: demoSeedTitle, url: demoSeedURL, body: demoSeedBody,
	author: demoSeedAuthor + "@lemmy.world", apID: demoSeedPostAPID,
	shape: &demoShape{age: 183*demoDay + 7*demoHour, up: 46, down: 3, commentSpan: 5 * demoHour},
	thread: []demoComment{
		{parent: -1, author: demoPumpkin + "@lemm.ee", text: demoSeedComment1, up: 32},
		{parent: 0, author: "miseducator@lemmy.world", text: demoSeedComment2, up: 32},
		{parent: 0, author: "ShittyBeatlesFCPres@lemmy.world", text: demoSeedComment3, up: 9, edited: true},
	},
}
