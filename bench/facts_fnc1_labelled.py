"""Facts labelled by hand in real FNC-1 article bodies (``train_bodies.csv``).

Each item names an FNC-1 body, one of its sentences (copied exactly, so the
sentence is found again in the body at run time), the publication date the
labeller assumed for that body (FNC-1 has none; the date is what a user
would set with ``workbench article edit --published``, worked out from the
story: the Godane strike reports of Friday 5 September 2014, the Saqlawiyah
reports of Monday 22 September 2014, the Luke Somers reports of Saturday
6 December 2014, the Ottawa reports of 22-23 October 2014), and every fact
a reader would line up from the sentence, as ``(facet, key, value, scope)``.

The labels say what is true, not what the rules happen to do: the day a
statement was made is "other", not the event's date; a count about an
earlier event or a whole war is "background"; a place is "location" when
the sentence tells what happened there. Sentences with no labels must yield
nothing (quotes, section lines, "the two countries", "If Kim ...", "another
account"). Labelled from the bodies' text by reading it, not from the
extractor's output.
"""

from __future__ import annotations

from dataclasses import dataclass

C, Q, T, P, A = "casualties", "quantities", "time", "place", "attribution"
M, B = "main", "background"
EV, OT, LOC, OPL = "event date", "other", "location", "other place"

GODANE = "2014-09-05"
SAQLAWIYAH = "2014-09-22"
BALAD = "2014-10-24"
SOMERS = "2014-12-06"
OTTAWA_NEXT_DAY = "2014-10-23"
OTTAWA = "2014-10-22"


@dataclass(frozen=True)
class Item:
    body: int
    published: str | None
    sentence: str
    facts: tuple[tuple[str, str, str, str], ...]


BOKO = "2014-11-01"
GRAVE = "2014-10-05"


ITEMS: tuple[Item, ...] = (
    # ------------------------------------------------ the Godane strike, Somalia
    Item(1084, GODANE,
         "The Pentagon said Friday that it had confirmed the death of a key Somali militant "
         "leader allied with al-Qaeda who had been targeted in a U.S. airstrike earlier this week.",
         ((A, "source", "Pentagon", M), (T, OT, "2014-09-05", M),
          (T, EV, "2014-09-01..2014-09-04", M))),
    Item(1084, GODANE,
         "Ahmed Abdi Godane, a co-founder of a network blamed for its brutal tactics in Somalia "
         "and for the attack on an upscale Kenyan shopping mall last year, was killed Monday in an "
         "attack carried out by U.S. drones and other aircraft, the Pentagon said.",
         ((A, "source", "Pentagon", M), (T, EV, "2014-09-01", M),
          (T, EV, "2013-01-01..2013-12-31", B), (P, LOC, "Somalia", B))),
    Item(1084, GODANE,
         "“Removing Godane from the battlefield is a major symbolic and operational loss to "
         "al-Shabab,” Rear Adm. John Kirby, the Pentagon press secretary, said in a statement.",
         ((A, "speaker", "John Kirby", M),)),
    Item(1084, GODANE,
         "U.S. military officials had acknowledged that they were trying to kill Godane in "
         "Monday’s air assault on a Shabab compound in southern Somalia.",
         ((A, "source", "U.S. military officials", M), (T, EV, "2014-09-01", M),
          (P, LOC, "Shabab compound", M), (P, LOC, "Somalia", M))),
    Item(1084, GODANE,
         "The State Department had offered a $7 million reward for information leading to "
         "Godane’s arrest.",
         ()),
    Item(1084, GODANE,
         "Monday’s drone strike was the most aggressive U.S. military operation in Somalia in "
         "nearly a year, and it came as the Obama administration was already grappling with "
         "security crises in Iraq, Syria and Ukraine.",
         ((T, EV, "2014-09-01", M), (P, LOC, "Somalia", M))),
    Item(1084, GODANE, "It was unclear who might succeed him as leader of the network.", ()),
    Item(2374, GODANE,
         "WASHINGTON — The Pentagon on Friday confirmed the death of the leader of the al-Shabab "
         "terror group, Ahmed Abdi Godane, who was the target of a U.S. airstrike Monday in "
         "Somalia.",
         ((A, "source", "Pentagon", M), (T, OT, "2014-09-05", M), (T, EV, "2014-09-01", M),
          (P, LOC, "Somalia", M))),
    Item(2374, GODANE,
         "The Pentagon’s press secretary, Rear Adm. John Kirby, confirmed the death in a brief "
         "written statement.",
         ((A, "speaker", "John Kirby", M),)),
    Item(2374, GODANE,
         "U.S. officials had said after the strike on Monday that U.S. special operations forces "
         "using manned and drone aircraft had destroyed an encampment and a vehicle using several "
         "Hellfire missiles and laser-guided munitions.",
         ((A, "source", "U.S. officials", M), (T, EV, "2014-09-01", M))),
    Item(2374, GODANE, "But they did not confirm that Godane had been killed until Friday.",
         ((T, OT, "2014-09-05", M),)),
    Item(2374, GODANE,
         "The State Department declared al-Shabab a terrorist organization in February 2008.",
         ((T, OT, "2008-02-01..2008-02-29", B),)),
    Item(2374, GODANE,
         "Kirby said on Tuesday, before the Pentagon was certain that Godane had died, that the "
         "U.S. strike was conducted south of Mogadishu and that it had destroyed the vehicle that "
         "was targeted.",
         ((A, "speaker", "John Kirby", M), (T, OT, "2014-09-02", M),
          (P, LOC, "Mogadishu", M))),
    Item(2374, GODANE,
         "He noted that in September 2013, Godone had publicly claimed al-Shabab was responsible "
         "for the deadly Westgate Mall attack in Nairobi, Kenya.",
         ((T, EV, "2013-09-01..2013-09-30", B), (P, LOC, "Nairobi", B))),
    Item(313, GODANE,
         "A Somali government spokesman said the page was not official and said the government "
         "had not yet commented on whether Ahmed Godane, the head of the Somali Islamist militant "
         "group al Shabaab, had been killed in a U.S. strike on Monday.",
         ((A, "source", "Somali government spokesman", M), (T, EV, "2014-09-01", M))),
    Item(1610, GODANE,
         "The siege last September at the Westgate Mall in Nairobi left 67 people dead and about "
         "200 injured.",
         ((C, "killed", "67", B), (C, "injured", "~200", B), (P, LOC, "Westgate Mall", B),
          (P, LOC, "Nairobi", B), (T, EV, "2013-09-01..2013-09-30", B))),
    Item(77, GODANE,
         "The group was also responsible for a suicide bombing at a World Cup watching party in "
         "Kampala, Uganda, in 2010 that left 74 dead and 70 injured.",
         ((C, "killed", "74", B), (C, "injured", "70", B), (P, LOC, "Kampala", B),
          (T, EV, "2010-01-01..2010-12-31", B))),
    # ------------------------------------------------ Saqlawiyah chlorine attack, Iraq
    Item(1590, None,
         "BAGHDAD / Nina /--Vice President Osama Nujaifi condemned the \"heinous crime which "
         "perpetrated by terrorist Daash in killing three hundred soldiers were trapped in the "
         "regions of Saqlawiyah and Alsger of Anbar province.",
         ((C, "killed", "300", M), (P, LOC, "Saqlawiyah", M), (P, LOC, "Anbar province", M))),
    Item(1590, None,
         "Terrorist, Daash used Chlorine gas in the area of Saqlawiyah, after surrounding more "
         "than 400 soldiers, which led to the death of three hundreds of them because of "
         "suffocation.",
         ((C, "killed", "300", M), (Q, "soldier", ">400", M), (P, LOC, "Saqlawiyah", M))),
    Item(969, SAQLAWIYAH,
         "(IraqiNews.com) On Monday several Members of Parliament from Diwaniyah Province "
         "confirmed that ISIS killed over 300 soldiers using chlorine gas for the first time in "
         "Saqlawiyah, north of Fallujah.",
         ((T, OT, "2014-09-22", M), (C, "killed", ">300", M), (P, LOC, "Saqlawiyah", M),
          (P, LOC, "Fallujah", M), (A, "source", "Members of Parliament", M))),
    Item(969, SAQLAWIYAH,
         "MP Ali al-Badri said, at a press conference at the parliament building in the presence "
         "of a number of deputies of Diwaniyah province and attended by IraqiNews.com that “the "
         "terrorist organization ISIS used chlorine gas for the first time in the region of "
         "Saqlawiyah after trapping more than 400 troops, resulting in the deaths of many of them "
         "due to suffocation while the terrorist gangs detonated car bombs within the brigade "
         "headquarters.”",
         ((A, "speaker", "Ali al-Badri", M), (Q, "troop", ">400", M),
          (P, LOC, "Saqlawiyah", M))),
    Item(969, SAQLAWIYAH,
         "Badri added that the “Saqlawiyah crime is considered as the second Speicher Massacre,” "
         "stressing that “300 soldiers were killed in the attack.”",
         ((A, "speaker", "Ali al-Badri", M), (C, "killed", "300", M))),
    Item(2002, SAQLAWIYAH,
         "BAGHDAD — Three hundred Iraqi soldiers died in a chlorine gas attack carried out by the "
         "self-proclaimed Islamic State of Iraq and al-Sham (ISIS) in the Iraqi city of Fallujah, "
         "said Ali al-Budairi, an Iraqi MP from the Shia-dominated National Iraqi alliance in the "
         "Iraqi Parliament on Monday.",
         ((C, "killed", "300", M), (P, LOC, "Fallujah", M),
          (A, "speaker", "Ali al-Budairi", M), (T, OT, "2014-09-22", M))),
    Item(2002, SAQLAWIYAH, "It is unclear when the attacks took place.", ()),
    Item(2002, SAQLAWIYAH,
         "Speaking at a press conference in the Iraqi Parliament on Monday, Ali al-Budairi said: "
         "\"ISIS killed 300 out of 400 soldiers they besieged in Saqlawiya district of northern "
         "Fallujah, using chlorine gas.\"",
         ((T, OT, "2014-09-22", M), (A, "speaker", "Ali al-Budairi", M),
          (C, "killed", "300", M), (Q, "soldier", "400", M),
          (P, LOC, "Saqlawiya district", M))),
    Item(2002, SAQLAWIYAH,
         "ISIS, which already controls parts of Syria, has extended its reach into Iraq since "
         "June 10.",
         ((T, OT, "2014-06-10", B), (P, OPL, "Iraq", B))),
    Item(2002, SAQLAWIYAH,
         "Violence conducted by the ISIS militants has claimed more than 1,400 lives in Iraq, and "
         "caused 1.2 million Iraqis, including Turkmens, Arabs, Christians and Ezidis, to flee "
         "their homes.",
         ((C, "killed", ">1400", B), (P, OPL, "Iraq", B), (Q, "iraqi", "1200000", B))),
    Item(1233, BALAD,
         "BALAD, Iraq — Dizzy, vomiting and struggling to breathe, 11 Iraqi police officers were "
         "rushed to a government hospital 50 miles north of the capital last month.",
         ((Q, "police officer", "11", M), (Q, "mile", "50", M),
          (T, EV, "2014-09-01..2014-09-30", M))),
    Item(1233, BALAD,
         "It is one of three crude chlorine attacks that Iraqi forces say have occurred since the "
         "extremists seized vast tracts of Iraqi territory this summer, although details on the "
         "other two incidents remain sketchy.",
         ((Q, "chlorine attack", "3", B),)),
    Item(1233, BALAD,
         "It was widely employed in trench warfare during World War I, including infamously at "
         "Ypres in Belgium, where German forces dispersed more than 160 tons of chlorine into the "
         "breeze, killing thousands of French and Allied soldiers.",
         ((C, "killed", ">=2000", B), (Q, "ton", ">160", B), (P, LOC, "Ypres", B),
          (P, LOC, "Belgium", B))),
    Item(1233, BALAD,
         "It was 4:20 p.m. on Sept. 15 when the 11 police officers were rushed into the hospital "
         "emergency room in Balad.",
         ((T, EV, "2014-09-15", M), (P, OPL, "Balad", M))),
    Item(1233, BALAD, "They were all discharged the following morning.",
         ((T, OT, "2014-09-16", M),)),
    Item(1233, BALAD,
         "The four physicians who treated them said there was no question that chlorine gas was "
         "to blame.",
         ()),
    Item(1233, BALAD,
         "Another attack this month caused minor injuries, and the fighters were treated "
         "locally, police officials said.",
         ((A, "source", "police officials", M), (T, EV, "2014-10-01..2014-10-24", B))),
    Item(1233, BALAD,
         "Soldiers who escaped an Islamic State rout of a besieged army base in Saqlawiyah, where "
         "hundreds of soldiers were killed last month, also said chlorine gas was used there — "
         "though reports of where and how the gas was delivered varied and could not be "
         "confirmed.",
         ((C, "killed", ">=200", B), (P, LOC, "Saqlawiyah", B),
          (T, EV, "2014-09-01..2014-09-30", B))),
    # ------------------------------------------------ Luke Somers, Yemen
    Item(826, SOMERS,
         "American photojournalist Luke Somers, held hostage by al Qaeda in Yemen, was killed "
         "Saturday in a failed rescue attempt, his sister said.",
         ((T, EV, "2014-12-06", M), (P, LOC, "Yemen", M))),
    Item(826, SOMERS,
         "There was no immediate comment from Washington about operation, which Yemeni officials "
         "said was conducted jointly by the U.S. and Yemen.",
         ((A, "source", "Yemeni officials", M),)),
    Item(826, SOMERS,
         "The operation took place in Shabwa province, a Yemen interior ministry official told "
         "NBC News, adding that 10 militants were also killed.",
         ((P, LOC, "Shabwa province", M), (A, "source", "NBC News", M),
          (A, "source", "Yemen interior ministry official", M), (C, "killed", "10", M))),
    Item(826, SOMERS,
         "It came two days after the Pentagon acknowledged an earlier U.S. commando mission to "
         "rescue Somers had failed.",
         ((A, "source", "Pentagon", M),)),
    Item(826, SOMERS,
         "Teacher and photographer Somers, a British-born U.S. citizen, was abducted a year ago in "
         "Sanaa where he had been working as a freelance photographer for the Yemen Times.",
         ((P, LOC, "Sanaa", B), (T, EV, "2013-12-01..2013-12-31", B))),
    Item(826, SOMERS,
         "Al Qaeda posted a video Thursday that showed Somers and a local militant commander "
         "threatening that thwe hostage would meet his fate in three days if the U.S. didn't meet "
         "the group's demands.",
         ((T, OT, "2014-12-04", M),)),
    Item(826, SOMERS, "This is a breaking news story.", ()),
    Item(1187, SOMERS,
         "An American hostage in Yemen held by al-Qaeda has been freed, according to statements "
         "from the country’s defense ministry on Saturday, however his sister has received "
         "information of his death.",
         ((A, "source", "defense ministry", M), (T, OT, "2014-12-06", M),
          (P, LOC, "Yemen", M))),
    Item(1187, SOMERS,
         "The defense ministry said on its website that an operation by Yemen's armed forces "
         "early on Saturday freed photojournalist Luke Somers and led to the killing of 10 "
         "members of the militant group holding him, according to Reuters news agency.",
         ((A, "source", "defense ministry", M), (A, "source", "Reuters", M),
          (C, "killed", "10", M), (T, EV, "2014-12-06", M))),
    Item(1187, SOMERS,
         "But his sister Lucy Somers told The Associated Press that she learned of her "
         "33-year-old brother’s death from FBI agents.",
         ((A, "speaker", "Lucy Somers", M), (A, "source", "Associated Press", M))),
    Item(1187, SOMERS,
         "Meanwhile another account suggests Somers was wounded during the operation.", ()),
    Item(1187, SOMERS,
         "He was wounded and we don't know if he is dead or alive,\" the Yemeni official told "
         "Agence France-Presse on condition of anonymity.",
         ((A, "source", "Agence France-Presse", M), (A, "source", "Yemeni official", M))),
    Item(1187, SOMERS,
         "Somers was kidnapped in September 2013 in the Yemeni capital of Sanaa, where he had been "
         "working as a freelance photographer for the Yemen Times.",
         ((T, EV, "2013-09-01..2013-09-30", B), (P, LOC, "Sanaa", B))),
    Item(1844, SOMERS,
         "SANA, Yemen — An American journalist held for more than a year by Al Qaeda’s affiliate "
         "in Yemen was killed during a rescue attempt by United States commandos late Friday, a "
         "senior United States official said.",
         ((T, EV, "2014-12-05", M), (P, LOC, "Yemen", M),
          (A, "source", "United States official", M))),
    Item(1844, SOMERS, "Early reports of the overnight raid were sketchy.", ()),
    Item(1844, SOMERS,
         "The official said that the journalist, Luke Somers, 33, was apparently shot by his "
         "captors as the raid unfolded and was badly wounded when the commandos reached him.",
         ()),
    Item(1844, SOMERS,
         "By the time Mr. Somers was flown to a United States naval ship in the region, he had "
         "died from his injuries, the official said Saturday.",
         ((T, OT, "2014-12-06", M),)),
    Item(1844, SOMERS,
         "Mr. Somers, a freelance journalist, was abducted in the Yemeni capital, Sana, in "
         "September 2013.",
         ((T, EV, "2013-09-01..2013-09-30", B), (P, LOC, "Sana", B))),
    Item(1844, SOMERS,
         "Last month, United States commandos and Yemeni counterterrorism troops made an "
         "unsuccessful attempt to rescue him in a remote Yemeni province.",
         ((T, EV, "2014-11-01..2014-11-30", B),)),
    Item(1844, SOMERS,
         "On Wednesday, Al Qaeda in the Arabian Peninsula, the Yemeni extremist group that was "
         "holding Mr. Somers, threatened to kill him by the end of the week if its demands were "
         "not met.",
         ((T, OT, "2014-12-03", M),)),
    Item(892, SOMERS,
         "However, Yemen's defence ministry released a statement claiming that armed forces early "
         "on Saturday freed \"an American hostage\" being held by al-Qaeda and killed 10 members "
         "of the militant group holding him, Reuters reported.",
         ((A, "source", "defence ministry", M), (A, "source", "Reuters", M),
          (C, "killed", "10", M), (T, EV, "2014-12-06", M))),
    Item(892, SOMERS,
         "This week, the Pentagon confirmed it launched an earlier failed raid to rescue him.",
         ((A, "source", "Pentagon", M), (T, OT, "2014-12-01..2014-12-06", M))),
    Item(892, SOMERS,
         "Somers' reported death comes as a Yemeni security official said a suspected US drone "
         "strike at dawn Saturday killed nine alleged al-Qaeda militants in the country's "
         "southern Shabwa province.",
         ((A, "source", "Yemeni security official", M), (C, "killed", "9", B),
          (T, EV, "2014-12-06", B), (P, LOC, "Shabwa province", B))),
    Item(892, SOMERS, "More to follow.", ()),
    # ------------------------------------------------ Ottawa, 22 October 2014
    Item(2246, OTTAWA_NEXT_DAY,
         "THE young soldier killed in a terror attack on the Canadian parliament last night was a "
         "devoted family man and a career soldier who planned on becoming a border guard.",
         ((T, EV, "2014-10-22", M),)),
    Item(2246, OTTAWA_NEXT_DAY,
         "It was chance that brought the two men together, when Michael Zehaf-Bibeau, 32, launched "
         "his attack as Corporal Nathan Cirillo, 25, stood guard at Ottawa’s war memorial, just "
         "metres away from the national parliament.",
         ((P, LOC, "Ottawa", M),)),
    Item(2246, OTTAWA_NEXT_DAY,
         "Zehaf-Bibeau shot Corporal Cirillo dead before running into parliament, only to be "
         "killed himself by the Sergeant-at-Arms, Kevin Vickers.",
         ()),
    Item(2246, OTTAWA_NEXT_DAY,
         "The attack had particular potency, with Canada already on alert because of a deadly "
         "hit-and-run earlier in the week against two Canadian soldiers by Muslim convert Martin "
         "Rouleau-Couture.",
         ((Q, "soldier", "2", B), (T, EV, "2014-10-20..2014-10-22", B))),
    Item(2246, OTTAWA_NEXT_DAY,
         "The position was created seven years ago after a string of vandalism attempts.",
         ((T, OT, "2007-10-01..2007-10-31", B),)),
    Item(2246, OTTAWA_NEXT_DAY,
         "His mother Susan is the deputy chairman of the Immigration and Refugee Board of Canada, "
         "Radio Canada has reported.",
         ((A, "source", "Radio Canada", M),)),
    Item(2246, OTTAWA_NEXT_DAY,
         "Police said in the initial hours after the shootings that as many as two other gunmen "
         "may have taken part.",
         ((A, "source", "police", M), (Q, "gunman", "<=2", M))),
    Item(2246, OTTAWA_NEXT_DAY,
         "“Today is a sad and tragic day for our city and our country,” Ottawa Mayor Jim Watson "
         "said.",
         ((A, "speaker", "Jim Watson", M), (T, OT, "2014-10-22", M))),
    Item(2246, OTTAWA_NEXT_DAY,
         "They said the gunman appeared to raise his arms in triumph, then ran off and entered "
         "Parliament, a few hundred yards away, where dozens of shots soon rang out.",
         ((Q, "shot", ">=24", M),)),
    Item(1089, OTTAWA,
         "A gunman opened fire at Canada's National War Memorial on Wednesday, killing one "
         "soldier, Ottawa police said in a statement.",
         ((C, "killed", "1", M), (T, EV, "2014-10-22", M), (P, LOC, "National War Memorial", M),
          (A, "source", "Ottawa police", M))),
    Item(1089, OTTAWA,
         "Witnesses in the Canadian capital, Ottawa, say the gunman then ran into the main "
         "Parliament building, where dozens of shots were fired.",
         ((Q, "shot", ">=24", M), (P, LOC, "Parliament building", M), (P, LOC, "Ottawa", M))),
    Item(1089, OTTAWA, "Ottawa Police say \"a male suspect has been confirmed deceased.\"",
         ((A, "source", "Ottawa Police", M),)),
    Item(1089, OTTAWA, "This hour, Parliament remains locked down.", ()),
    Item(1089, OTTAWA,
         "According to Ottawa Police, the shooting started at the National War Memorial, where one "
         "soldier was killed.",
         ((A, "source", "Ottawa Police", M), (P, LOC, "National War Memorial", M),
          (C, "killed", "1", M))),
    Item(1089, OTTAWA,
         "There was another shooting incident at Parliament and police say one male suspect was "
         "deceased.",
         ((A, "source", "police", M), (P, LOC, "Parliament", M))),
    Item(1089, OTTAWA,
         "On its Twitter feed, Ottawa police say one victim — a member of the Canadian forces — "
         "was killed in the incident.",
         ((A, "source", "Ottawa police", M), (C, "killed", "1", M))),
    # ------------------------------------------------ other stories: forms and noise
    Item(777, None,
         "Thirty people, including 22 police, have been arrested in connection with the violence, "
         "which claimed the lives of at least six people and left 25 injured.",
         ((Q, "people", "30", M), (Q, "police", "22", M), (C, "killed", ">=6", M),
          (C, "injured", "25", M))),
    Item(874, None,
         "Artists from The Independent, The Washington Post, and more published visual depictions "
         "of their reaction to the news of the attack, which took the lives of 12 people, a death "
         "toll that included four prominent cartoonists.",
         ((C, "killed", "12", M), (Q, "cartoonist", "4", M))),
    Item(34, None,
         "He has held firm even as the civil war’s death toll climbed toward 200,000, the Syrian "
         "government used chemical weapons against civilians and Islamic State militants "
         "strengthened amid the chaos.",
         ((C, "killed", "200000", B),)),
    Item(110, None, "Reynolds and other crew members were unhurt.",
         ((C, "injured", "0", M), (C, "killed", "0", M))),
    Item(2113, None,
         "Two sources told the Canadian Press that Sergeant-At-Arms Kevin Vickers shot the first "
         "suspect.",
         ((A, "source", "Canadian Press", M), (A, "source", "Two sources", M))),
    Item(744, None,
         "Hwang, decked out in his high-peaked cap, also held closed-door talks with top South "
         "Korean officials and agreed to restart long-stalled peace talks between the two "
         "countries, which are still technically at war.",
         ()),
    Item(117, None,
         "If Kim does not turn up, it could fuel speculation over the state of his health and "
         "whether he may have been sidelined in a power struggle, experts said.",
         ()),
    Item(546, None,
         "The Mail on Sunday reported that the three men known as \"John,\" \"George,\" and "
         "\"Ringo\" had formed a special kidnapping gang that may have targeted Westerners like "
         "Foley.",
         ((A, "source", "Mail on Sunday", M),)),
    Item(1166, None,
         "This graph shows how fatalities caused by Boko Haram went up from around zero to more "
         "than 5,000 annually within only six years.",
         ((C, "killed", ">5000", B),)),
)  # fmt: skip

# Held out: labelled after the rules were written, from stories the rules were
# never run on while they were being improved (Boko Haram's denial of the
# ceasefire, 1 November 2014; the Iguala mass grave, 5 October 2014).
HELD_OUT: tuple[Item, ...] = (
    Item(2463, BOKO,
         "ABUJA, Nigeria — The leader of Nigeria's Islamist extremist group dashed hopes for the "
         "release of 200 kidnapped girls Saturday, denying reports of a truce with the "
         "government.",
         ((Q, "girl", "200", M), (T, EV, "2014-11-01", M))),
    Item(2463, BOKO,
         "The news goes counter to what the Nigerian government said nearly two weeks ago when it "
         "announced a cease-fire deal with the terrorist organization, raising hopes among the "
         "families of the kidnapped girls — who were taken from the northeastern Nigerian town of "
         "Chibok in April — that their daughters would soon be released.",
         ((A, "source", "Nigerian government", M), (T, OT, "2014-10-18", B),
          (T, EV, "2014-04-01..2014-04-30", B), (P, LOC, "Chibok", B))),
    Item(2463, BOKO,
         "But then desperation set in, especially as Boko Haram abducted dozens of young women "
         "and teenagers in northeast Nigeria and continued to launch attacks that forced hundreds "
         "to flee.",
         ((Q, "woman", ">=24", B), (P, LOC, "Nigeria", B))),
    Item(2463, BOKO,
         "Martin Ewi, senior researcher at the Institute for Security Studies' office in "
         "Pretoria, said he didn't think Boko Haram had agreed to a truce, citing the lack of "
         "public statements on the issue in the past two weeks.",
         ((A, "speaker", "Martin Ewi", M), (P, OPL, "Pretoria", M))),
    Item(2463, BOKO,
         "Human Rights Watch estimates Boko Haram, whose name loosely translates as \"Western "
         "education is forbidden,\" has abducted around 500 young women over the past five "
         "years.",
         ((A, "source", "Human Rights Watch", M), (Q, "woman", "~500", B))),
    Item(2463, BOKO,
         "\"We found that the Nigerian government has never interviewed these girls, never really "
         "found out or learned what they've gone through, never attempted to do any kind of "
         "investigations,\" said Rona Peligal, Human Rights Watch deputy director for the Africa "
         "Division.",
         ((A, "speaker", "Rona Peligal", M),)),
    Item(2463, BOKO,
         "Since April, a campaign under the motto \"Bring Back Our Girls\" went viral on social "
         "media.",
         ((T, OT, "2014-04-01..2014-04-30", B),)),
    Item(2463, BOKO,
         "Earlier this week, President Goodluck Jonathan, who is under increasing scrutiny for his "
         "failure to locate the girls, confirmed he would be running for re-election.",
         ((T, OT, "2014-10-27..2014-10-31", M), (A, "speaker", "Goodluck Jonathan", M))),
    Item(2463, BOKO, "Contributing: The Associated Press", ()),
    Item(1681, BOKO,
         "Nigerian officials announced two weeks ago that they had struck a deal with the "
         "Islamist terror group.",
         ((A, "source", "Nigerian officials", M), (T, OT, "2014-10-18", B))),
    Item(1681, BOKO,
         "The deal, the government said, included the release of more than 200 girls whose "
         "kidnapping in April at a boarding school in the nation's north stunned the world.",
         ((A, "source", "government", M), (Q, "girl", ">200", M),
          (T, EV, "2014-04-01..2014-04-30", B))),
    Item(1681, BOKO,
         "In a video released Saturday, the Islamist group's notorious leader fired off a series "
         "of denials.",
         ((T, EV, "2014-11-01", M),)),
    Item(1681, BOKO,
         "Mike Omeri, coordinator of Nigeria's National Information Centre, told CNN on Saturday "
         "that all these claims contradict those made in conversations in which the Nigerian "
         "government has been involved.",
         ((A, "speaker", "Mike Omeri", M), (A, "source", "CNN", M), (T, OT, "2014-11-01", M))),
    Item(1681, BOKO,
         "Nigerian officials met with Boko Haram in Chad twice during talks mediated by Chadian "
         "President Idriss Deby, according to the aide.",
         ((P, OPL, "Chad", B),)),
    Item(1681, BOKO,
         "The ceasefire deal announced October 17 followed a month of negotiations with "
         "representatives of the group, said Hassan Tukur, an aide to Nigerian President "
         "Goodluck Jonathan.",
         ((T, OT, "2014-10-17", B), (A, "speaker", "Hassan Tukur", M))),
    Item(1681, BOKO,
         "More people have been abducted and scores killed in recent weeks, including one attack "
         "a day after the ceasefire that left eight dead.",
         ((C, "killed", ">=40", B), (C, "killed", "8", B))),
    Item(1681, BOKO,
         "Days later, members of the Islamist terror group abducted at least 60 young women and "
         "girls from Christian villages in northeast Nigeria, residents said Thursday.",
         ((Q, "woman", ">=60", B), (P, LOC, "Nigeria", B), (T, OT, "2014-10-30", M))),
    Item(1681, BOKO,
         "Rather, it is stepping up its military campaign against militants and criminals in some "
         "parts of the West African nation, Nigeria's defense ministry said on Saturday.",
         ((A, "source", "defense ministry", M), (T, OT, "2014-11-01", M))),
    Item(1681, BOKO,
         "The military claimed its airstrikes and ground operations have repelled attacks against "
         "civilians in Adamawa and Borno, two of the states in northeastern Nigeria that have "
         "been strongholds and frequent targets for Boko Haram.",
         ((A, "source", "military", M), (P, LOC, "Adamawa", B))),
    Item(1681, BOKO,
         "The group's attacks have intensified in recent years in an apparent show of defiance "
         "for the nation's military onslaught.",
         ()),
    Item(366, GRAVE,
         "A mass grave with an unconfirmed number of bodies was discovered in a part of Mexico "
         "near to where 43 college students were abducted, authorities announced Saturday night.",
         ((Q, "college student", "43", M), (T, OT, "2014-10-04", M), (P, LOC, "Mexico", M))),
    Item(366, GRAVE,
         "Guerrero State Attorney General Iñaky Blanco said there was a connection between the "
         "burial site and the students’ disappearance from a teachers’ college the previous "
         "weekend, the Wall Street Journal reports.",
         ((A, "speaker", "Iñaky Blanco", M), (A, "source", "Wall Street Journal", M),
          (T, EV, "2014-09-27..2014-09-28", B))),
    Item(366, GRAVE,
         "Mexico’s Proceso, citing anonymous sources, reported that 20 bodies had been "
         "discovered.",
         ((A, "source", "Proceso", M), (A, "source", "anonymous sources", M),
          (C, "killed", "20", M))),
    Item(366, GRAVE,
         "The Associated Press reports that six pits had been discovered but did not report a "
         "body count.",
         ((A, "source", "Associated Press", M), (Q, "pit", "6", M))),
    Item(366, GRAVE,
         "The students disappeared after clashing with police during a protest that turned "
         "violent.",
         ()),
)  # fmt: skip
