module clientgen.local/runtime

go 1.23
