-- The national catalogue (docs/catalogue.md): the centre owns the items,
-- their units and barcodes, the depots with the site whose server holds
-- each, and the cost centres.  makhzan --central CONNINFO item add|import|
-- edit, unit add, depot add --site, cost-centre add write here; every
-- change is also a row of catalogue_change, in the same transaction, which
-- makhzan publishes, signed by the centre, to the JetStream key-value
-- bucket MAKHZAN_CATALOGUE in change order.  Depots apply the bucket.

CREATE TABLE cat_item (
	code		text PRIMARY KEY,
	name_ar		text NOT NULL,
	name_en		text NOT NULL,
	category	text NOT NULL DEFAULT '',
	uom		text NOT NULL,
	tracking	text NOT NULL DEFAULT 'none'
			    CHECK (tracking IN ('none', 'lot', 'serial')),
	weighed		boolean NOT NULL DEFAULT false,
	-- thousandths of the base unit, as at a depot
	min_qty		bigint NOT NULL DEFAULT 0 CHECK (min_qty >= 0),
	max_qty		bigint NOT NULL DEFAULT 0 CHECK (max_qty >= 0),
	shelf_life	integer CHECK (shelf_life > 0),
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now()
);

-- A barcode belongs to one item in the whole ministry.
CREATE TABLE cat_barcode (
	barcode		text PRIMARY KEY,
	item		text NOT NULL REFERENCES cat_item(code),
	pos		integer NOT NULL
);
CREATE INDEX cat_barcode_item ON cat_barcode(item);

-- 1 unit = factor thousandths of the item's base unit.
CREATE TABLE cat_unit (
	item		text NOT NULL REFERENCES cat_item(code),
	unit		text NOT NULL,
	factor		bigint NOT NULL CHECK (factor > 0),
	PRIMARY KEY (item, unit)
);

-- A depot and the site whose server (and database) holds it.
CREATE TABLE cat_depot (
	code		text PRIMARY KEY,
	name_ar		text NOT NULL,
	name_en		text NOT NULL,
	site		text NOT NULL,
	created_at	timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cat_cost_centre (
	code		text PRIMARY KEY,
	name_ar		text NOT NULL,
	name_en		text NOT NULL,
	created_at	timestamptz NOT NULL DEFAULT now()
);

-- Every change, in order: the key of the bucket (item.P-100, depot.HMS,
-- cc.MAINT) and the whole new value of that key (JSON), written in the
-- transaction of the change.  published_at and revision are set once the
-- bucket has stored it; the ones still NULL are published, in seq order,
-- by the next catalogue command or makhzan central catalogue publish.
CREATE TABLE catalogue_change (
	seq		bigserial PRIMARY KEY,
	id		uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
	key		text NOT NULL,
	value		jsonb NOT NULL,
	by_user		text NOT NULL,
	at		timestamptz NOT NULL DEFAULT now(),
	published_at	timestamptz,
	revision	bigint
);
CREATE INDEX catalogue_change_pending ON catalogue_change(seq)
    WHERE published_at IS NULL;
