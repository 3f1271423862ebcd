def log = new File(basedir, 'build.log').text
assert log.contains('broken.snet:3:33: error[SN0201]') : 'the misspelt layer, located'
assert log =~ /(?m)^\[ERROR\] +\|\s+\^+/ : 'a caret under it'
assert log.contains('rleu')
assert log.contains('snet: 2 errors in .snet sources')
assert !(log =~ /(?m)^\s+at [a-z]+\./) : 'no stack trace'
assert !new File(basedir, 'target/generated-sources/snet').list()?.any { it.endsWith('.java') }
