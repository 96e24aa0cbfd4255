"""Open Referral HSDS 3.0: the released schemas (``schema/``, see its README and LICENCE), their
validators, and the import of other systems' HSDS data into an area's related activities. The
export lives with the other open-data formats in ``catalog/exports/hsds.py``."""
