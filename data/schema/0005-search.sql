-- Search as you type over 100,000 items within 10 ms a key (bench/
-- bench-search.c).  Item codes and barcodes leave the full-text index:
-- 100,000 distinct code and barcode tokens made every digit prefix a merge
-- of 100,000 doclists.  Codes and barcodes are searched by prefix on their
-- own B-tree indexes instead (core/master.c).  Names get prefix indexes of
-- 1 to 6 characters: a prefix longer than the longest index is a merge of
-- every term it starts, and a word on every item ("inch") took 5 ms alone
-- at 100,000 items without its own.  The folded names are copied from the
-- old index.
CREATE VIRTUAL TABLE item_names USING fts5(name_ar, name_en,
    tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3 4 5 6');
INSERT INTO item_names(rowid, name_ar, name_en)
    SELECT rowid, name_ar, name_en FROM item_fts;
DROP TABLE item_fts;
