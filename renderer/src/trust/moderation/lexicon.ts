/**
 * The default word lists of the text rules. Each term carries a weight: how strongly it alone
 * signals its category. A trailing `*` matches any ending ("kill*" → kills, killing, killer).
 * Terms are normalised like input text, so they are written plainly; evasive spellings are handled
 * by `normalize.ts`. Operators extend these lists through configuration.
 */
import type { Category } from './policy';

export interface LexiconTerm {
  term: string;
  weight: number;
}

export type Lexicon = Partial<Record<Category, LexiconTerm[]>>;

const t = (weight: number, ...terms: string[]): LexiconTerm[] => terms.map((term) => ({ term, weight }));

export const DEFAULT_LEXICON: Lexicon = {
  sexual: [
    ...t(0.95, 'porn*', 'pornographic', 'hardcore sex', 'sex scene', 'sex tape', 'blowjob*', 'handjob*', 'orgasm*', 'masturbat*', 'gangbang*', 'cumshot*', 'xxx', 'hentai', 'nsfw'),
    ...t(0.8, 'naked', 'nude', 'nudes', 'topless', 'genital*', 'erotic*', 'striptease', 'stripper*', 'intercourse', 'having sex'),
    ...t(0.4, 'sexy', 'lingerie', 'seductive*', 'sensual*', 'undress*', 'sex'),
  ],
  // Words that make sexual content about minors; scored in combination in `textRules.ts`.
  minors: [...t(1, 'child porn*', 'cp porn', 'lolicon', 'shotacon', 'underage sex', 'jailbait', 'pedo*', 'paedo*')],
  violence: [
    ...t(0.95, 'behead*', 'decapitat*', 'dismember*', 'disembowel*', 'gore', 'gory', 'mutilat*', 'massacre*', 'mass shooting', 'torture*', 'execution video'),
    ...t(0.7, 'murder*', 'stab*', 'slaughter*', 'bloodbath', 'shoot him', 'shoot her', 'shoot them', 'kill him', 'kill her', 'kill them', 'blow up', 'bomb the'),
    ...t(0.35, 'kill*', 'blood', 'bloody', 'gun', 'guns', 'shooting', 'weapon*', 'fight*', 'corpse*', 'dead body'),
  ],
  'self-harm': [
    ...t(0.95, 'kill myself', 'kill yourself', 'kys', 'suicide method*', 'how to commit suicide', 'cut myself', 'cutting myself', 'self harm', 'self-harm', 'hang myself', 'end my life'),
    ...t(0.6, 'suicid*', 'overdose*', 'starve myself', 'pro ana', 'thinspo*'),
  ],
  hate: [
    ...t(0.95, 'nigger*', 'nigga*', 'faggot*', 'kike*', 'spic', 'spics', 'chink*', 'tranny', 'trannies', 'wetback*', 'raghead*', 'white power', 'heil hitler', 'sieg heil', 'gas the', 'ethnic cleansing', 'racial holy war', 'subhuman*'),
    ...t(0.6, 'retard*', 'go back to your country', 'hate all', 'inferior race', 'white supremac*'),
    ...t(0.3, 'stupid', 'idiot*', 'loser*', 'ugly'),
  ],
  illegal: [
    ...t(0.9, 'make meth', 'cook meth', 'synthesize meth*', 'build a bomb', 'make a bomb', 'pipe bomb*', 'buy cocaine', 'sell cocaine', 'buy heroin', 'counterfeit money', 'launder money', 'money laundering', 'credit card fraud', 'human trafficking', 'buy a gun without', 'ghost gun*'),
    ...t(0.5, 'cocaine', 'heroin', 'meth', 'fentanyl', 'drug deal*', 'smuggl*', 'steal a car', 'shoplift*', 'hack into', 'ransomware'),
  ],
};

/** Words that mark a person as a child; together with sexual terms they score as `minors`. */
export const MINOR_MARKERS = ['child', 'children', 'kid', 'kids', 'minor', 'minors', 'underage', 'teen', 'teens', 'teenager*', 'schoolgirl*', 'schoolboy*', 'preteen*', 'toddler*'];

/** Real people whose likeness needs their consent (a cameo); extend with `realPeople` in the config. */
export const FAMOUS_PEOPLE = [
  'Taylor Swift', 'Joe Biden', 'Donald Trump', 'Barack Obama', 'Michelle Obama', 'Kamala Harris', 'Elon Musk', 'Mark Zuckerberg',
  'Jeff Bezos', 'Bill Gates', 'Vladimir Putin', 'Xi Jinping', 'Volodymyr Zelensky', 'Emmanuel Macron', 'Olaf Scholz', 'Rishi Sunak',
  'King Charles', 'Pope Francis', 'Tom Cruise', 'Tom Hanks', 'Scarlett Johansson', 'Keanu Reeves', 'Leonardo DiCaprio', 'Brad Pitt',
  'Angelina Jolie', 'Beyonce', 'Rihanna', 'Kim Kardashian', 'Kanye West', 'Ariana Grande', 'Billie Eilish', 'Lionel Messi',
  'Cristiano Ronaldo', 'LeBron James', 'Michael Jordan', 'Serena Williams', 'Oprah Winfrey', 'Morgan Freeman', 'Emma Watson',
  'Dwayne Johnson', 'Jennifer Lawrence', 'Selena Gomez', 'Justin Bieber', 'Greta Thunberg', 'Narendra Modi', 'Sam Altman',
];

/** Copyrighted characters studios enforce; extend with `protectedCharacters` in the config. */
export const PROTECTED_CHARACTERS = [
  'Mickey Mouse', 'Minnie Mouse', 'Donald Duck', 'Spider-Man', 'Spiderman', 'Batman', 'Superman', 'Wonder Woman', 'Iron Man',
  'Darth Vader', 'Yoda', 'Harry Potter', 'Pikachu', 'Pokemon', 'Super Mario', 'Sonic the Hedgehog', 'Elsa', 'Shrek',
  'Homer Simpson', 'Bart Simpson', 'SpongeBob', 'Hello Kitty', 'Buzz Lightyear', 'Winnie the Pooh', 'James Bond',
];

/** Trademarks that must not appear as endorsements; extend with `brands` in the config. */
export const BRANDS = ['Coca-Cola', 'Coca Cola', 'Pepsi', 'Nike', 'Adidas', 'McDonalds', "McDonald's", 'Apple iPhone', 'Starbucks', 'Disney', 'Marvel', 'Netflix', 'Gucci', 'Louis Vuitton', 'Rolex', 'Ferrari', 'Red Bull', 'Lego', 'Nintendo'];

/** Given names for the "Firstname Lastname" heuristic: a capitalised pair starting with one of these reads as a person. */
export const COMMON_FIRST_NAMES = [
  'james', 'john', 'robert', 'michael', 'william', 'david', 'richard', 'joseph', 'thomas', 'charles', 'chris', 'christopher', 'daniel',
  'matthew', 'anthony', 'mark', 'donald', 'steven', 'paul', 'andrew', 'joshua', 'kevin', 'brian', 'george', 'edward', 'ronald', 'tim',
  'jason', 'jeff', 'ryan', 'jacob', 'gary', 'eric', 'jonathan', 'stephen', 'larry', 'justin', 'scott', 'brandon', 'ben', 'frank', 'greg',
  'mary', 'patricia', 'jennifer', 'linda', 'elizabeth', 'barbara', 'susan', 'jessica', 'sarah', 'karen', 'nancy', 'lisa', 'betty', 'emma',
  'margaret', 'sandra', 'ashley', 'kimberly', 'emily', 'donna', 'michelle', 'dorothy', 'carol', 'amanda', 'melissa', 'deborah', 'taylor',
  'stephanie', 'rebecca', 'laura', 'sharon', 'cynthia', 'kathleen', 'amy', 'shirley', 'angela', 'helen', 'anna', 'brenda', 'kim', 'joe',
  'elon', 'bill', 'tom', 'brad', 'kanye', 'oprah', 'lionel', 'cristiano', 'serena', 'keanu', 'leonardo', 'barack', 'kamala', 'vladimir',
];
