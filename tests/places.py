"""Places the tests search near, as the geocoder resolves them from the packaged postcode file."""

from directory.geo import Place

# BN11 1HS, central Worthing (the Worthing district, E07000229).
WORTHING = Place(
    label="BN11 1HS",
    latitude=50.814049,
    longitude=-0.373189,
    lad_code="E07000229",
    kind="postcode",
    postcode="BN11 1HS",
)
