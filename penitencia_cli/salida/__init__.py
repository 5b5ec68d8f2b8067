"""Salida: tablas rich para la terminal y exportadores (xlsx, csv, json)."""
