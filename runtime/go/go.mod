module clientgen.local/runtime

go 1.21
