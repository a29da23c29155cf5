"""Distances on the Earth's surface, without a geographic database."""

from math import asin, cos, radians, sin, sqrt

EARTH_RADIUS_KM = 6371.0088


def great_circle_km(latitude_1, longitude_1, latitude_2, longitude_2):
    """Haversine distance between two points given in degrees."""
    phi_1, phi_2 = radians(float(latitude_1)), radians(float(latitude_2))
    delta_phi = phi_2 - phi_1
    delta_lambda = radians(float(longitude_2) - float(longitude_1))
    a = sin(delta_phi / 2) ** 2 + cos(phi_1) * cos(phi_2) * sin(delta_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(sqrt(a))


KM_PER_DEGREE_LATITUDE = 111.045
KM_PER_MILE = 1.609344


def bounding_box(latitude, longitude, radius_km):
    """(min lat, max lat, min lon, max lon) around a point: the cheap, indexed prefilter."""
    delta_latitude = radius_km / KM_PER_DEGREE_LATITUDE
    cos_latitude = max(cos(radians(latitude)), 0.01)
    delta_longitude = min(radius_km / (KM_PER_DEGREE_LATITUDE * cos_latitude), 180)
    return (
        max(latitude - delta_latitude, -90),
        min(latitude + delta_latitude, 90),
        max(longitude - delta_longitude, -180),
        min(longitude + delta_longitude, 180),
    )


def great_circle_km_expression(latitude, longitude, latitude_field, longitude_field):
    """The haversine distance as a database expression: the same SQL functions on PostgreSQL
    and SQLite (where Django provides them)."""
    from django.db.models import F, FloatField, Value
    from django.db.models.functions import ASin, Cast, Cos, Power, Radians, Sin, Sqrt

    def field(name):
        return Cast(F(name), FloatField())

    def number(value):
        return Value(float(value), output_field=FloatField())

    half_delta_latitude = Radians(field(latitude_field) - number(latitude)) / number(2)
    half_delta_longitude = Radians(field(longitude_field) - number(longitude)) / number(2)
    a = Power(Sin(half_delta_latitude), number(2)) + Cos(Radians(number(latitude))) * Cos(
        Radians(field(latitude_field))
    ) * Power(Sin(half_delta_longitude), number(2))
    return number(2 * EARTH_RADIUS_KM) * ASin(Sqrt(a))
