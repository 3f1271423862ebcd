def log = new File(basedir, 'build.log').text
assert new File(basedir, 'target/generated-sources/snet/snet/models/Small.java').isFile()
assert log.contains('snet: 0 model(s) generated, 1 up to date') : 'the second build regenerates nothing'
assert log.contains('Nothing to compile - all classes are up to date') : 'and javac has nothing to redo'
