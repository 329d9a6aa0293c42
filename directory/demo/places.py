"""Real public buildings (libraries, civic and community centres) per district, where demo services meet.

Every postcode here was checked with directory.geo.lookup_postcode: it exists and its LAD code is the
district it is listed under (tests/directory/test_demo.py checks this again). The buildings are real;
the services the demo puts in them are not.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Venue:
    name: str
    address: str
    town: str
    postcode: str


# Keyed by area slug, then by ONS LAD code (DOMAIN.md's district table).
VENUES = {
    "west-sussex": {
        "E07000223": [  # Adur
            Venue("Shoreham Library", "St Mary's Road", "Shoreham-by-Sea", "BN43 5ZA"),
            Venue("Lancing Library", "Penstone Park", "Lancing", "BN15 9AG"),
            Venue("Southwick Community Centre", "Southwick Street", "Southwick", "BN42 4TE"),
            Venue("The Shoreham Centre", "Pond Road", "Shoreham-by-Sea", "BN43 5WU"),
            Venue("Lancing Parish Hall", "South Street", "Lancing", "BN15 8AJ"),
        ],
        "E07000224": [  # Arun
            Venue("Bognor Regis Library", "London Road", "Bognor Regis", "PO21 1DE"),
            Venue("Littlehampton Library", "Maltravers Road", "Littlehampton", "BN17 5NA"),
            Venue("Arundel Library", "Surrey Street", "Arundel", "BN18 9DT"),
            Venue("Rustington Library", "Claigmar Road", "Rustington", "BN16 2NL"),
            Venue("Arun Civic Centre", "Maltravers Road", "Littlehampton", "BN17 5LF"),
            Venue("Willowhale Library", "Pryors Lane", "Bognor Regis", "PO21 4JD"),
        ],
        "E07000225": [  # Chichester
            Venue("Chichester Library", "Tower Street", "Chichester", "PO19 1QJ"),
            Venue("Midhurst Library", "Knockhundred Row", "Midhurst", "GU29 9DQ"),
            Venue("Selsey Library", "High Street", "Selsey", "PO20 0QG"),
            Venue("Petworth Library", "High Street", "Petworth", "GU28 0AU"),
            Venue("East Pallant House", "East Pallant", "Chichester", "PO19 1TY"),
        ],
        "E07000226": [  # Crawley
            Venue("Crawley Library", "Southgate Avenue", "Crawley", "RH10 6HG"),
            Venue("Crawley Town Hall", "The Boulevard", "Crawley", "RH10 1UZ"),
            Venue("Broadfield Library", "Broadfield Barton", "Crawley", "RH11 9BA"),
            Venue("Bewbush Centre", "Dorsten Square", "Crawley", "RH11 8XW"),
        ],
        "E07000227": [  # Horsham
            Venue("Horsham Library", "Lavington Road", "Horsham", "RH12 1PJ"),
            Venue("Parkside", "Chart Way", "Horsham", "RH12 1RL"),
            Venue("Steyning Library", "Church Street", "Steyning", "BN44 3YB"),
            Venue("Billingshurst Library", "", "Billingshurst", "RH14 9XZ"),
            Venue("Storrington Library", "", "Storrington", "RH20 4HS"),
            Venue("Henfield Library", "", "Henfield", "BN5 9BN"),
            Venue("Southwater Library", "", "Southwater", "RH13 9DJ"),
        ],
        "E07000228": [  # Mid Sussex
            Venue("Haywards Heath Library", "Boltro Road", "Haywards Heath", "RH16 1BN"),
            Venue("Burgess Hill Library", "The Martlets", "Burgess Hill", "RH15 9NN"),
            Venue("East Grinstead Library", "West Street", "East Grinstead", "RH19 4SR"),
            Venue("Oaklands", "Oaklands Road", "Haywards Heath", "RH16 1SS"),
            Venue("Hassocks Library", "Keymer Road", "Hassocks", "BN6 8AG"),
            Venue("Hurstpierpoint Library", "Trinity Road", "Hurstpierpoint", "BN6 9UY"),
        ],
        "E07000229": [  # Worthing
            Venue("Worthing Library", "Richmond Road", "Worthing", "BN11 1HS"),
            Venue("Worthing Town Hall", "Chapel Road", "Worthing", "BN11 1HA"),
            Venue("Broadwater Library", "Dominion Road", "Worthing", "BN14 8JL"),
            Venue("Durrington Library", "Romany Road", "Worthing", "BN13 3EA"),
            Venue("Goring Library", "Mulberry Lane", "Worthing", "BN12 4JL"),
            Venue("Findon Valley Library", "Findon Road", "Worthing", "BN14 0EJ"),
        ],
    },
    "lancashire": {
        "E07000117": [  # Burnley
            Venue("Burnley Central Library", "Grimshaw Street", "Burnley", "BB11 2BD"),
            Venue("Burnley Town Hall", "Manchester Road", "Burnley", "BB11 9SA"),
            Venue("Padiham Library", "Burnley Road", "Padiham", "BB12 8BS"),
        ],
        "E07000118": [  # Chorley
            Venue("Chorley Library", "Union Street", "Chorley", "PR7 1EB"),
            Venue("Chorley Town Hall", "Market Street", "Chorley", "PR7 1DP"),
        ],
        "E07000119": [  # Fylde
            Venue("St Annes Library", "Clifton Drive South", "Lytham St Annes", "FY8 1LF"),
            Venue("Lytham Library", "", "Lytham", "FY8 5EP"),
            Venue("Fylde Town Hall", "St Annes Road West", "Lytham St Annes", "FY8 1LW"),
        ],
        "E07000120": [  # Hyndburn
            Venue("Accrington Library", "St James Street", "Accrington", "BB5 1NQ"),
            Venue("Accrington Town Hall", "Blackburn Road", "Accrington", "BB5 1LA"),
            Venue("Great Harwood Library", "", "Great Harwood", "BB6 7QP"),
        ],
        "E07000121": [  # Lancaster
            Venue("Lancaster Library", "Market Square", "Lancaster", "LA1 1HY"),
            Venue("Morecambe Library", "Central Drive", "Morecambe", "LA4 5DL"),
            Venue("Lancaster Town Hall", "Dalton Square", "Lancaster", "LA1 1PJ"),
        ],
        "E07000122": [  # Pendle
            Venue("Nelson Library", "Market Square", "Nelson", "BB9 7PU"),
            Venue("Colne Library", "Market Street", "Colne", "BB8 0AP"),
            Venue("Nelson Town Hall", "Market Street", "Nelson", "BB9 7LG"),
        ],
        "E07000123": [  # Preston
            Venue("Harris Library", "Market Square", "Preston", "PR1 2PP"),
            Venue("Preston Town Hall", "Lancaster Road", "Preston", "PR1 2RL"),
            Venue("County Hall", "Fishergate", "Preston", "PR1 8XJ"),
        ],
        "E07000124": [  # Ribble Valley
            Venue("Clitheroe Library", "Church Street", "Clitheroe", "BB7 2DG"),
            Venue("Ribble Valley Council Offices", "Church Walk", "Clitheroe", "BB7 2RA"),
            Venue("Longridge Library", "Berry Lane", "Longridge", "PR3 3JA"),
        ],
        "E07000125": [  # Rossendale
            Venue("Rawtenstall Library", "Queen's Square", "Rawtenstall", "BB4 6QU"),
            Venue("Haslingden Library", "Deardengate", "Haslingden", "BB4 5QL"),
            Venue("Bacup Library", "St James Square", "Bacup", "OL13 9AH"),
        ],
        "E07000126": [  # South Ribble
            Venue("Leyland Library", "Lancastergate", "Leyland", "PR25 2EX"),
            Venue("South Ribble Civic Centre", "West Paddock", "Leyland", "PR25 1DH"),
            Venue("Penwortham Library", "Liverpool Road", "Penwortham", "PR1 9XE"),
        ],
        "E07000127": [  # West Lancashire
            Venue("Ormskirk Library", "Burscough Street", "Ormskirk", "L39 2EN"),
            Venue("Skelmersdale Library", "Southway", "Skelmersdale", "WN8 6NL"),
            Venue("West Lancashire Council Offices", "Derby Street", "Ormskirk", "L39 2DF"),
        ],
        "E07000128": [  # Wyre
            Venue("Fleetwood Library", "North Albert Street", "Fleetwood", "FY7 6AJ"),
            Venue("Thornton Library", "", "Thornton-Cleveleys", "FY5 5HH"),
            Venue("Garstang Library", "Windsor Road", "Garstang", "PR3 1ED"),
            Venue("Wyre Civic Centre", "Breck Road", "Poulton-le-Fylde", "FY6 7PU"),
        ],
    },
    "essex": {
        "E07000066": [  # Basildon
            Venue("Basildon Library", "St Martin's Square", "Basildon", "SS14 1EE"),
            Venue("The Basildon Centre", "St Martin's Square", "Basildon", "SS14 1DL"),
            Venue("Billericay Library", "High Street", "Billericay", "CM12 9AF"),
            Venue("Wickford Library", "Market Road", "Wickford", "SS12 0AG"),
        ],
        "E07000067": [  # Braintree
            Venue("Braintree Library", "Fairfield Road", "Braintree", "CM7 3YL"),
            Venue("Causeway House", "Bocking End", "Braintree", "CM7 9HB"),
            Venue("Witham Library", "Newland Street", "Witham", "CM8 2AQ"),
            Venue("Halstead Library", "Bridge Street", "Halstead", "CO9 1HU"),
        ],
        "E07000068": [  # Brentwood
            Venue("Brentwood Library", "New Road", "Brentwood", "CM14 4BP"),
            Venue("Brentwood Town Hall", "Ingrave Road", "Brentwood", "CM15 8AY"),
        ],
        "E07000069": [  # Castle Point
            Venue("Canvey Island Library", "High Street", "Canvey Island", "SS8 7RB"),
            Venue("Hadleigh Library", "Rectory Road", "Hadleigh", "SS7 2ND"),
            Venue("Castle Point Council Offices", "Kiln Road", "Thundersley", "SS7 1TF"),
        ],
        "E07000070": [  # Chelmsford
            Venue("Chelmsford Library", "Market Road", "Chelmsford", "CM1 1QH"),
            Venue("Chelmsford Civic Centre", "Duke Street", "Chelmsford", "CM1 1JE"),
        ],
        "E07000071": [  # Colchester
            Venue("Colchester Library", "Trinity Square", "Colchester", "CO1 1JB"),
            Venue("Rowan House", "Sheepen Road", "Colchester", "CO3 3WG"),
            Venue("Colchester Town Hall", "High Street", "Colchester", "CO1 1PJ"),
        ],
        "E07000072": [  # Epping Forest
            Venue("Epping Library", "St John's Road", "Epping", "CM16 5DN"),
            Venue("Loughton Library", "Traps Hill", "Loughton", "IG10 1HD"),
            Venue("Epping Forest Civic Offices", "High Street", "Epping", "CM16 4BZ"),
            Venue("Waltham Abbey Library", "Sun Street", "Waltham Abbey", "EN9 1EL"),
        ],
        "E07000073": [  # Harlow
            Venue("Harlow Library", "The High", "Harlow", "CM20 1HA"),
            Venue("Harlow Civic Centre", "The Water Gardens", "Harlow", "CM20 1WG"),
        ],
        "E07000074": [  # Maldon
            Venue("Maldon Library", "Carmelite Way", "Maldon", "CM9 5FW"),
            Venue("Maldon District Council Offices", "Princes Road", "Maldon", "CM9 5DL"),
            Venue("Burnham-on-Crouch Library", "Station Road", "Burnham-on-Crouch", "CM0 8BQ"),
        ],
        "E07000075": [  # Rochford
            Venue("Rayleigh Library", "High Street", "Rayleigh", "SS6 7BX"),
            Venue("Rochford Library", "Roche Close", "Rochford", "SS4 1PX"),
            Venue("Rochford District Council Offices", "South Street", "Rochford", "SS4 1BW"),
            Venue("Hockley Library", "Southend Road", "Hockley", "SS5 4PZ"),
        ],
        "E07000076": [  # Tendring
            Venue("Clacton Library", "Station Road", "Clacton-on-Sea", "CO15 1SF"),
            Venue("Harwich Library", "Kingsway", "Harwich", "CO12 3JJ"),
            Venue("Clacton Town Hall", "Station Road", "Clacton-on-Sea", "CO15 1SE"),
            Venue("Frinton Library", "Old Road", "Frinton-on-Sea", "CO13 9DA"),
        ],
        "E07000077": [  # Uttlesford
            Venue("Saffron Walden Library", "King Street", "Saffron Walden", "CB10 1ES"),
            Venue("Great Dunmow Library", "White Street", "Great Dunmow", "CM6 1BE"),
            Venue("Uttlesford Council Offices", "London Road", "Saffron Walden", "CB11 4ER"),
        ],
    },
}
