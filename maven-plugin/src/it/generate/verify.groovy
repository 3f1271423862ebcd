def generated = new File(basedir, 'target/generated-sources/snet/example/models')
assert new File(generated, 'Tiny.java').isFile()
assert new File(generated, 'TinyFive.java').isFile()
assert generated.list().length == 2 : 'a library of blocks generates nothing: ' + generated.list()
def log = new File(basedir, 'build.log').text
assert log.contains('snet: 2 model(s) generated, 0 up to date')
assert log.contains('Tests run: 2, Failures: 0, Errors: 0')
