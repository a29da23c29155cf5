"""The ids of generated records: seeded, and all in one range, so they can be told apart."""

import uuid

# Every generated record's id starts with these 32 bits (the rest is the seeded random draw), so
# the generated directory can be told from curators' records and removed, table by table, with
# one range condition. A uuid4 made elsewhere starts with them once in four billion.
ID_PREFIX = 0x5D1E6E4E
LOWEST_ID = uuid.UUID(int=ID_PREFIX << 96)
HIGHEST_ID = uuid.UUID(int=((ID_PREFIX + 1) << 96) - 1)


def generated_id(rng):
    return uuid.UUID(int=(ID_PREFIX << 96) | rng.getrandbits(96), version=4)
