$version: "2.0"

namespace aws.protocoltests.shared

list BlobList {
    member: Blob
}

@uniqueItems
list BlobSet {
    member: Blob
}

list BooleanList {
    member: Boolean
}

@uniqueItems
list BooleanSet {
    member: Boolean
}

list ByteList {
    member: Byte
}

@uniqueItems
list ByteSet {
    member: Byte
}

@timestampFormat("date-time")
timestamp DateTime

list DateTimeList {
    member: DateTime
}

@uniqueItems
list DateTimeSet {
    member: DateTime
}

list DoubleList {
    member: Double
}

@timestampFormat("epoch-seconds")
timestamp EpochSeconds

list FloatList {
    member: Float
}

enum FooEnum {
    FOO = "Foo"

    BAZ = "Baz"

    BAR = "Bar"

    ONE = "1"

    ZERO = "0"
}

list FooEnumList {
    member: FooEnum
}

map FooEnumMap {
    key: String

    value: FooEnum
}

@uniqueItems
list FooEnumSet {
    member: FooEnum
}

union FooUnion {
    string: String

    integer: Integer
}

list GreetingList {
    member: GreetingStruct
}

structure GreetingStruct {
    hi: String
}

@timestampFormat("http-date")
timestamp HttpDate

@uniqueItems
list HttpDateSet {
    member: HttpDate
}

intEnum IntegerEnum {
    A = 1

    B = 2

    C = 3
}

list IntegerEnumList {
    member: IntegerEnum
}

map IntegerEnumMap {
    key: String

    value: IntegerEnum
}

@uniqueItems
list IntegerEnumSet {
    member: IntegerEnum
}

list IntegerList {
    member: Integer
}

@uniqueItems
list IntegerSet {
    member: Integer
}

@mediaType("image/jpeg")
blob JpegBlob

@uniqueItems
list ListSet {
    member: StringList
}

@uniqueItems
list LongList {
    member: Long
}

@uniqueItems
list LongSet {
    member: Long
}

/// A list of lists of strings.
list NestedStringList {
    member: StringList
}

list ShortList {
    member: Short
}

@uniqueItems
list ShortSet {
    member: Short
}

@sparse
list SparseShortList {
    member: Short
}

@sparse
list SparseStringList {
    member: String
}

@sparse
map SparseStringMap {
    key: String

    value: String
}

list StringList {
    member: String
}

map StringListMap {
    key: String

    value: StringList
}

map StringMap {
    key: String

    value: String
}

@uniqueItems
list StringSet {
    member: String
}

@uniqueItems
list StructureSet {
    member: GreetingStruct
}

@mediaType("text/plain")
blob TextPlainBlob

list TimestampList {
    member: Timestamp
}

@uniqueItems
list TimestampSet {
    member: Timestamp
}

@uniqueItems
list UnionSet {
    member: FooUnion
}
