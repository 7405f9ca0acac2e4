package cli

// The people and communities of the demonstration content.

// demoInstance is a remote server the demo's people come from.
type demoInstance struct {
	domain, software, version string
}

var demoInstances = []demoInstance{
	{"lemmy.world", "lemmy", "0.19.11"},
	{"lemm.ee", "lemmy", "0.19.8"},
	{"lemmy.ml", "lemmy", "0.19.11"},
	{"sh.itjust.works", "lemmy", "0.19.10"},
	{"feddit.org", "lemmy", "0.19.11"},
	{"programming.dev", "lemmy", "0.19.9"},
	{"beehaw.org", "lemmy", "0.19.8"},
	{"lemmy.ca", "lemmy", "0.19.11"},
	{"discuss.tchncs.de", "lemmy", "0.19.11"},
	{"mander.xyz", "lemmy", "0.19.9"},
	{"piefed.social", "piefed", "1.0.1"},
	{"lemmy.sdf.org", "lemmy", "0.19.7"},
	{"feddit.nl", "lemmy", "0.19.11"},
	{"jlai.lu", "lemmy", "0.19.9"},
}

// demoRemote is a person on another instance.
type demoRemote struct {
	name, domain, display string
}

// demoRemotes are the other instances' people: authors, commenters and
// voters. The first ones are the seed thread's.
var demoRemotes = []demoRemote{
	{demoSeedAuthor, "lemmy.world", ""},
	{demoPumpkin, "lemm.ee", ""},
	{"miseducator", "lemmy.world", ""},
	{"ShittyBeatlesFCPres", "lemmy.world", ""},
	{"gravel_and_tea", "lemmy.world", "Gravel & Tea"},
	{"Noctambulist", "lemmy.world", ""},
	{"pinecone_jones", "lemmy.world", ""},
	{"HalfwayHome", "lemmy.world", ""},
	{"wet_paper_bag", "lemmy.world", ""},
	{"tarn_hiker", "lemmy.world", ""},
	{"CoffeeAndCodes", "lemmy.world", "Coffee & Codes"},
	{"marsh_mallow", "lemm.ee", ""},
	{"owlbear_enjoyer", "lemm.ee", ""},
	{"Tallowmere", "lemm.ee", ""},
	{"spokesperson_for_cats", "lemm.ee", "Spokesperson for Cats"},
	{"kestrel", "lemmy.ml", ""},
	{"roundtuit", "lemmy.ml", ""},
	{"debian_dan", "lemmy.ml", "Dan"},
	{"Oblomov", "lemmy.ml", ""},
	{"ferrous_wheel", "lemmy.ml", ""},
	{"PancakeHorse", "sh.itjust.works", ""},
	{"sourdough_starter", "sh.itjust.works", ""},
	{"Wandering_Wombat", "sh.itjust.works", ""},
	{"notabot_42", "sh.itjust.works", ""},
	{"ModernBarnacle", "sh.itjust.works", ""},
	{"Brezelbub", "feddit.org", ""},
	{"Kaffeesatz", "feddit.org", ""},
	{"Waldschrat", "feddit.org", ""},
	{"nordlicht", "feddit.org", "Nordlicht"},
	{"Fahrradkette", "feddit.org", ""},
	{"Ampelmann", "feddit.org", ""},
	{"segfault_sally", "programming.dev", "Sally"},
	{"yaml_engineer", "programming.dev", ""},
	{"TabsNotSpaces", "programming.dev", ""},
	{"borrow_checker", "programming.dev", ""},
	{"null_island", "programming.dev", ""},
	{"gentle_giraffe", "beehaw.org", ""},
	{"moss_and_fern", "beehaw.org", "Moss & Fern"},
	{"TeaAndBiscuits", "beehaw.org", ""},
	{"quiet_hours", "beehaw.org", ""},
	{"maple_mapper", "lemmy.ca", ""},
	{"poutine_prophet", "lemmy.ca", ""},
	{"LoonieBin", "lemmy.ca", ""},
	{"canoe_ok", "lemmy.ca", ""},
	{"datenschutz_dora", "discuss.tchncs.de", "Dora"},
	{"KernelPanik", "discuss.tchncs.de", ""},
	{"rauschen", "discuss.tchncs.de", ""},
	{"petri_dish", "mander.xyz", ""},
	{"Stromatolite", "mander.xyz", ""},
	{"fieldnotes", "mander.xyz", "Field Notes"},
	{"cladogram", "mander.xyz", ""},
	{"rimu_fan", "piefed.social", ""},
	{"lichen_lover", "piefed.social", ""},
	{"Postmodem", "piefed.social", ""},
	{"gopherhole", "lemmy.sdf.org", ""},
	{"tilde_tom", "lemmy.sdf.org", ""},
	{"ascii_anna", "lemmy.sdf.org", ""},
	{"fietsfanaat", "feddit.nl", ""},
	{"stroopwafel42", "feddit.nl", ""},
	{"baguette_binaire", "jlai.lu", ""},
	{"chat_perche", "jlai.lu", ""},
	{"la_mouette", "jlai.lu", "La Mouette"},
}

// demoUser is a local account. Its password is random and never shown.
type demoUser struct {
	name, display, bio string
}

var demoUsers = []demoUser{
	{"tomasz_k", "Tomasz", "Backend developer, part-time tinkerer. I moderate ~technology."},
	{"dr_okafor", "Dr. Okafor", "Epidemiologist. Ask me about confidence intervals, not about your rash."},
	{"heather_reads", "Heather", "Librarian by day, reader by night. Currently: too many books at once."},
	{"northbridge_nell", "Nell", "Born and raised in Northbridge. Mostly here for the bus timetable drama."},
	{"ravi_builds", "Ravi", "Carpenter who got into electronics. Soldering iron always warm."},
	{"quietquokka", "", ""},
}

// demoCommunity is a local community (domain empty) or a remote one.
type demoCommunity struct {
	name, domain, title, description, mod string
}

// key names a community in the post list: its name, with @domain when remote.
func (c demoCommunity) key() string {
	if c.domain == "" {
		return c.name
	}
	return c.name + "@" + c.domain
}

var demoCommunities = []demoCommunity{
	{name: "technology", title: "Technology", mod: "tomasz_k", description: "News and discussion about software, " +
		"hardware and the internet.\n\n**Rules**\n\n1. Link to the original source, not to a blog summarising it.\n" +
		"2. No referral links or self-promotion without a moderator's OK.\n3. Be civil: argue with ideas, not people."},
	{name: "science", title: "Science", mod: "dr_okafor", description: "Research news and discussion.\n\n" +
		"Please link the study, or an article that links it. Press releases are fine when they are the only source; " +
		"say so in the title. Newcomers' questions are welcome here."},
	{name: "books", title: "Books", mod: "heather_reads", description: "What are you reading? Reviews, " +
		"recommendations and literary news.\n\nPut spoilers in a spoiler block:\n\n```\n::: spoiler The ending\n" +
		"text\n:::\n```\n\nA reading thread opens every week."},
	{name: "localnews", title: "Local News", mod: "northbridge_nell", description: "News, events and " +
		"questions about **Northbridge** and the villages around it.\n\nLost pets, road works, council meetings, " +
		"new bakeries. No national politics unless it lands on our doorstep."},
	{name: "worldnews", domain: "lemmy.world", title: "World News", description: "News from around the world.\n\n" +
		"**Rules**\n\n1. Posts must be news, from a reputable source, less than a week old.\n" +
		"2. Use the article's headline as the title.\n3. No US internal news: that belongs in /c/news.\n" +
		"4. No racism, bigotry or calls for violence.\n\nSee the sidebar of !news@lemmy.world for more."},
	{name: "europe", domain: "feddit.org", title: "Europe", description: "News and discussion from all over " +
		"Europe, in any European language.\n\nPlease mark the post's language so people can filter."},
	{name: "linux", domain: "programming.dev", title: "Linux", description: "All things Linux: distributions, " +
		"desktops, kernels and the occasional rant about printers.\n\nAsk for help in the weekly thread."},
}
